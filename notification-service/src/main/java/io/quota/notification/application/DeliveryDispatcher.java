package io.quota.notification.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.DeliveryProgress;
import io.quota.notification.persistence.ClaimedDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries every quota.delivery.poll-interval: claim a batch (one short transaction), call every
 * receiver of the batch concurrently (no transaction open), record each outcome (one short transaction each).
 * Everything lives in the database, so retries survive a restart, and several instances share the work through
 * FOR UPDATE SKIP LOCKED.
 */
@ApplicationScoped
public class DeliveryDispatcher {
    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    @Inject
    DeliveryService ledger;
    @Inject
    WebhookClient webhooks;
    @Inject
    DeliveryConfig config;

    private volatile Instant lastPass = Instant.now();
    private ScheduledExecutorService ticker;

    /*
     * A thread of its own rather than @Scheduled: Quarkus' simple scheduler checks its triggers once a second, so an
     * every() below 1 s (the default here is 0.5 s) would silently become 1 s. A fixed delay never overlaps passes.
     */
    void start(@Observes StartupEvent started) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "delivery-dispatcher");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.pollInterval().toMillis());
        ticker.scheduleWithFixedDelay(this::dispatch, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (ticker != null) {
            ticker.shutdown();
            // let a pass in progress record its outcomes; what it cannot finish is due again after the lease
            ticker.awaitTermination(config.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void dispatch() {
        try {
            while (dispatchBatch() == config.batchSize()) {
                // a full batch means more are due: go on without waiting for the next tick
            }
            lastPass = Instant.now();
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery dispatch failed, will retry: %s", e.getMessage());
        }
    }

    /** Sends one batch; returns how many deliveries it claimed. */
    int dispatchBatch() {
        List<ClaimedDelivery> claimed = ledger.claimDue();
        List<Instant> startedAt = new ArrayList<>(claimed.size());
        List<CompletableFuture<AttemptResult>> calls = new ArrayList<>(claimed.size());
        for (ClaimedDelivery delivery : claimed) {
            startedAt.add(Instant.now());
            calls.add(webhooks.send(delivery));
        }
        for (int i = 0; i < claimed.size(); i++) {
            ClaimedDelivery delivery = claimed.get(i);
            AttemptResult result = calls.get(i).join();
            try {
                Optional<DeliveryProgress> next = ledger.record(delivery, result, startedAt.get(i));
                LOG.infof("delivery %s to subscription %s: attempt %s, %s, status %s, %d ms -> %s",
                        delivery.deliveryId(), delivery.subscriptionId(),
                        next.map(p -> Integer.toString(p.attempts())).orElse("?"), result.outcome(),
                        result.statusCode() == null ? "-" : result.statusCode(), result.duration().toMillis(),
                        next.map(p -> p.status() + (p.status().isFinal() ? "" : " at " + p.nextAttemptAt()))
                                .orElse("claim lost"));
            } catch (RuntimeException e) {
                // stays IN_FLIGHT until its lease runs out, then it is due again
                LOG.errorf(e, "delivery %s: could not record attempt (%s)", delivery.deliveryId(), result.outcome());
            }
        }
        return claimed.size();
    }

    /** When the dispatcher last finished a pass without error (liveness). */
    public Instant lastPass() {
        return lastPass;
    }
}
