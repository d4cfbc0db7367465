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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries with a bounded pool of quota.delivery.workers dispatchers. Each pass of each worker: claim a
 * batch (one statement, FOR UPDATE SKIP LOCKED, so workers and instances never take the same delivery), call every
 * receiver of the batch concurrently (no transaction open), record all outcomes in one short transaction.
 * Everything lives in the database, so retries survive a restart. Order across deliveries is not kept (a retry
 * does not hold back later ones); a digest keeps a subscription's burst in one message instead.
 * <p>
 * A worker that found less than a full batch sleeps until a transaction that made a delivery due commits
 * ({@link DispatchSignal}) or until the poll interval passes (retries, digests and quiet hours fall due by time).
 */
@ApplicationScoped
public class DeliveryDispatcher {
    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    @Inject
    DeliveryService ledger;
    @Inject
    ChannelClient channels;
    @Inject
    DeliveryConfig config;
    @Inject
    DispatchSignal signal;
    @Inject
    DeliveryMetrics metrics;
    @Inject
    DeliveryHandOff handOff;

    private volatile Instant lastPass = Instant.now();
    private volatile boolean running;
    private ExecutorService workers;

    /* Threads of its own rather than @Scheduled: Quarkus' simple scheduler checks its triggers once a second. */
    void start(@Observes StartupEvent started) {
        int count = Math.max(1, config.workers());
        running = true;
        workers = Executors.newFixedThreadPool(count, DaemonThreads.named("delivery-dispatcher"));
        for (int i = 0; i < count; i++) {
            workers.execute(this::work);
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (workers != null) {
            running = false;
            workers.shutdownNow();
            // let passes in progress record their outcomes; what they cannot finish is due again after the lease
            workers.awaitTermination(config.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void work() {
        long every = Math.max(1, config.pollInterval().toMillis());
        while (running) {
            if (dispatch() < config.batchSize() && !signal.await(every)) {
                return; // interrupted: shutting down
            }
        }
    }

    /** One pass: sends batches while they come full; returns the size of the last one. */
    int dispatch() {
        try {
            int claimed;
            do {
                claimed = dispatchBatch();
                // alive while working through a backlog too, not only once it is gone
                lastPass = Instant.now();
                // a full batch means more are due: go on without waiting
            } while (claimed == config.batchSize() && running);
            return claimed;
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery dispatch failed, will retry: %s", e.getMessage());
            return 0;
        }
    }

    /**
     * Sends one batch: what the intake handed over, topped up with due deliveries claimed from the database (retries,
     * held ones, digests, those of a dispatcher that died); returns how many deliveries it sent.
     */
    int dispatchBatch() {
        List<ClaimedDelivery> claimed = new ArrayList<>(handOff.take(config.batchSize()));
        if (claimed.size() < config.batchSize()) {
            claimed.addAll(ledger.claimDue(config.batchSize() - claimed.size()));
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Instant> startedAt = new ArrayList<>(claimed.size());
        List<CompletableFuture<AttemptResult>> calls = new ArrayList<>(claimed.size());
        for (ClaimedDelivery delivery : claimed) {
            startedAt.add(Instant.now());
            calls.add(channels.send(delivery));
        }
        List<DeliveryService.Outcome> outcomes = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            outcomes.add(new DeliveryService.Outcome(claimed.get(i), calls.get(i).join(), startedAt.get(i)));
        }
        try {
            List<Optional<DeliveryProgress>> recorded = ledger.recordAll(outcomes);
            for (int i = 0; i < outcomes.size(); i++) {
                ClaimedDelivery claim = outcomes.get(i).claim();
                recorded.get(i).ifPresent(next -> metrics.attempt(claim.channel(), next, claim.occurredAt()));
                if (LOG.isDebugEnabled()) {
                    log(outcomes.get(i), recorded.get(i));
                }
            }
        } catch (RuntimeException e) {
            // they stay IN_FLIGHT until their lease runs out, then they are due again
            LOG.errorf(e, "could not record %d attempts; due again after the lease", outcomes.size());
        }
        return claimed.size();
    }

    private static void log(DeliveryService.Outcome o, Optional<DeliveryProgress> next) {
        AttemptResult result = o.result();
        LOG.debugf("delivery %s (%s) to subscription %s: attempt %s, %s, status %s, %d ms -> %s",
                o.claim().deliveryId(), o.claim().channel(), o.claim().subscriptionId(),
                next.map(p -> Integer.toString(p.attempts())).orElse("?"), result.outcome(),
                result.statusCode() == null ? "-" : result.statusCode(), result.duration().toMillis(),
                next.map(p -> p.status() + (p.status().isFinal() ? "" : " at " + p.nextAttemptAt()))
                        .orElse("claim lost"));
    }

    /** When the dispatcher last finished a pass without error (liveness). */
    public Instant lastPass() {
        return lastPass;
    }
}
