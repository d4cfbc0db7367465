package io.quota.notification.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quota.contracts.EventJson;
import io.quota.notification.domain.AttemptOutcome;
import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.RobotSignatures;
import io.quota.notification.domain.WebhookAddressPolicy;
import io.quota.notification.domain.WebhookSignature;
import io.quota.notification.persistence.ClaimedDelivery;
import io.quota.platform.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one claimed delivery over its channel, as each receiver documents it; never throws, always answers an
 * outcome. Every http address is checked against the SSRF guard again before each attempt (DNS answers change).
 * <ul>
 * <li>WEBHOOK: POST the CloudEvent with X-Quota-Timestamp and X-Quota-Signature (see {@link WebhookSignature})</li>
 * <li>SLACK: POST the JSON; 2xx is delivered</li>
 * <li>DINGTALK: POST the JSON, with {@code timestamp} (ms) and {@code sign} query parameters when the robot has a
 * secret; delivered when the answer's {@code errcode} is 0</li>
 * <li>WECOM: POST the JSON to the robot's key URL; delivered when {@code errcode} is 0</li>
 * <li>FEISHU: POST the JSON with {@code timestamp} (s) and {@code sign} added to the body when the bot has a
 * secret; delivered when the answer's {@code code} (or {@code StatusCode}) is 0</li>
 * <li>EMAIL: one multipart text + HTML message over SMTP to the address</li>
 * </ul>
 */
@ApplicationScoped
public class ChannelClient {
    static final String USER_AGENT = "Quota-Webhooks/1.0 (notification-service)";
    /**
     * The HTTP client's own small non-blocking tasks (our dependent actions run elsewhere). Its default, a cached
     * pool, grew a thread per request in flight and was the service's largest CPU cost under load (JFR); two
     * threads keep hundreds of requests in flight.
     */
    private static final ExecutorService CLIENT_TASKS = Executors.newFixedThreadPool(2,
            DaemonThreads.named("webhook-client"));

    private final WebhookAddresses addresses;
    private final Duration timeout;
    private final HttpClient http;
    private final ReactiveMailer mailer;
    private final Clock clock;
    private final Traces traces;

    @Inject
    public ChannelClient(WebhookAddresses addresses, DeliveryConfig config, ReactiveMailer mailer, Clock clock,
                         Traces traces) {
        this.addresses = addresses;
        this.traces = traces;
        this.timeout = config.timeout();
        this.mailer = mailer;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .executor(CLIENT_TASKS)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * One attempt, inside a client span continuing the trace the delivery's event was taken in (the span covers
     * preparing and starting the call; the answer arrives later on another thread).
     */
    public CompletableFuture<AttemptResult> send(ClaimedDelivery delivery) {
        long started = System.nanoTime();
        try (Traces.TraceScope traced = traces.resume(delivery.traceparent(), "deliver " + delivery.channel(),
                SpanKind.CLIENT)) {
            return delivery.channel() == Channel.EMAIL ? email(delivery, started) : http(delivery, started);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(failure(e, since(started)));
        }
    }

    private CompletableFuture<AttemptResult> http(ClaimedDelivery delivery, long started) throws Exception {
        Channel channel = delivery.channel();
        URI uri;
        try {
            // again at delivery time: a name may resolve elsewhere now than when the subscription was made
            uri = addresses.check(delivery.address(), channel.httpsRequired());
        } catch (WebhookAddressPolicy.Refused e) {
            return CompletableFuture.completedFuture(
                    AttemptResult.notAnswered(AttemptOutcome.REFUSED, e.getMessage(), since(started)));
        }
        String body = delivery.payload();
        boolean signed = delivery.secret() != null && !delivery.secret().isEmpty();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout).header("User-Agent", USER_AGENT);
        // W3C trace context: the event's trace id and this attempt's span, so the receiver can join the trace
        String traceparent = Traces.currentTraceparent();
        if (traceparent != null) {
            request.header(Traces.TRACEPARENT, traceparent);
        }
        switch (channel) {
            case WEBHOOK -> {
                long timestamp = clock.instant().getEpochSecond();
                request.header("Content-Type", MessageRenderer.CLOUDEVENTS_JSON)
                        .header("X-Quota-Event-Id", delivery.sourceEventId().toString())
                        .header("X-Quota-Delivery-Id", delivery.deliveryId().toString())
                        .header("X-Quota-Timestamp", Long.toString(timestamp))
                        .header("X-Quota-Signature", WebhookSignature.sign(delivery.secret(), timestamp, body));
            }
            case DINGTALK -> {
                request.header("Content-Type", "application/json; charset=utf-8");
                if (signed) {
                    long millis = clock.millis();
                    uri = URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + "timestamp=" + millis + "&sign="
                            + RobotSignatures.dingTalk(delivery.secret(), millis));
                }
            }
            case FEISHU -> {
                request.header("Content-Type", "application/json; charset=utf-8");
                if (signed) {
                    long seconds = clock.instant().getEpochSecond();
                    ObjectNode signedBody = (ObjectNode) EventJson.MAPPER.readTree(body);
                    signedBody.put("timestamp", Long.toString(seconds));
                    signedBody.put("sign", RobotSignatures.feishu(delivery.secret(), seconds));
                    body = EventJson.MAPPER.writeValueAsString(signedBody);
                }
            }
            default -> request.header("Content-Type", "application/json; charset=utf-8");
        }
        HttpRequest built = request.uri(uri).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        boolean readsAnswer = channel == Channel.DINGTALK || channel == Channel.WECOM || channel == Channel.FEISHU;
        return http.sendAsync(built, readsAnswer ? HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)
                        : HttpResponse.BodyHandlers.replacing(""))
                // the request timeout covers the answer's headers; this also bounds a body that trickles
                .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((response, error) -> error != null ? failure(error, since(started))
                        : readsAnswer ? robotAnswer(channel, response, since(started))
                        : AttemptResult.answered(response.statusCode(), since(started)));
    }

    /** Chat robots answer 200 with an error code in the body; only code 0 means the group got the message. */
    static AttemptResult robotAnswer(Channel channel, HttpResponse<String> response, Duration duration) {
        AttemptResult answered = AttemptResult.answered(response.statusCode(), duration);
        if (!answered.delivered()) {
            return answered;
        }
        JsonNode body;
        try {
            body = EventJson.MAPPER.readTree(response.body());
        } catch (Exception e) {
            return AttemptResult.rejected(response.statusCode(), "answer is not JSON", duration);
        }
        JsonNode code = channel == Channel.FEISHU
                ? (body.has("code") ? body.get("code") : body.path("StatusCode")) : body.path("errcode");
        if (code.isNumber() && code.asInt() == 0) {
            return answered;
        }
        String message = channel == Channel.FEISHU ? body.path("msg").asText(body.path("StatusMessage").asText(""))
                : body.path("errmsg").asText("");
        return AttemptResult.rejected(response.statusCode(), (channel == Channel.FEISHU ? "code " : "errcode ")
                + (code.isMissingNode() ? "missing" : code.asText()) + ": " + message, duration);
    }

    private CompletableFuture<AttemptResult> email(ClaimedDelivery delivery, long started) {
        JsonNode message;
        try {
            message = EventJson.MAPPER.readTree(delivery.payload());
        } catch (Exception e) {
            throw new IllegalStateException("stored email is not JSON", e);
        }
        Mail mail = Mail.withHtml(delivery.address(), message.path("subject").asText(), message.path("html").asText())
                .setText(message.path("text").asText())
                .addHeader("X-Quota-Event-Id", delivery.sourceEventId().toString())
                .addHeader("X-Quota-Delivery-Id", delivery.deliveryId().toString());
        return mailer.send(mail).subscribeAsCompletionStage().toCompletableFuture()
                .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((ok, error) -> error == null
                        ? new AttemptResult(AttemptOutcome.DELIVERED, null, null, since(started))
                        : failure(error, since(started)));
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
        // refused, reset, unresolvable, TLS, SMTP refusal: the receiver did not take it
        return AttemptResult.notAnswered(AttemptOutcome.CONNECTION_ERROR, cause.getClass().getSimpleName() + message,
                duration);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
