package io.quota.notification.application;

import io.quota.notification.domain.AttemptOutcome;
import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.WebhookAddressPolicy;
import io.quota.notification.domain.WebhookSignature;
import io.quota.notification.persistence.ClaimedDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** POSTs a delivery's body, signed, to its subscription's webhook; never throws, always answers an outcome. */
@ApplicationScoped
public class WebhookClient {
    static final String USER_AGENT = "Quota-Webhooks/1.0 (notification-service)";

    private final WebhookAddresses addresses;
    private final Duration timeout;
    private final HttpClient http;

    @Inject
    public WebhookClient(WebhookAddresses addresses, DeliveryConfig config) {
        this.addresses = addresses;
        this.timeout = config.timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public CompletableFuture<AttemptResult> send(ClaimedDelivery delivery) {
        long started = System.nanoTime();
        URI uri;
        try {
            // again at delivery time: a name may resolve elsewhere now than when the subscription was made
            uri = addresses.check(delivery.address());
        } catch (WebhookAddressPolicy.Refused e) {
            return CompletableFuture.completedFuture(
                    AttemptResult.notAnswered(AttemptOutcome.REFUSED, e.getMessage(), since(started)));
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", DriftNotification.CONTENT_TYPE)
                .header("User-Agent", USER_AGENT)
                .header("X-Quota-Event-Id", delivery.sourceEventId().toString())
                .header("X-Quota-Delivery-Id", delivery.deliveryId().toString())
                .header("X-Quota-Timestamp", Long.toString(timestamp))
                .header("X-Quota-Signature", WebhookSignature.sign(delivery.secret(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    // the request timeout covers the answer's headers; this also bounds a body that trickles
                    .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                    .handle((response, error) -> error == null
                            ? AttemptResult.answered(response.statusCode(), since(started))
                            : failure(error, since(started)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e, since(started)));
        }
    }

    private AttemptResult failure(Throwable error, Duration duration) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return AttemptResult.notAnswered(AttemptOutcome.TIMEOUT, "no answer within " + timeout.toMillis() + " ms",
                    duration);
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        // refused, reset, unresolvable, TLS: the receiver was not reached
        return AttemptResult.notAnswered(AttemptOutcome.CONNECTION_ERROR, cause.getClass().getSimpleName() + message, duration);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
