package io.quota.notification.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.events.NotificationDelivered;
import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.DeliveryProgress;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.Reader;
import io.quota.notification.domain.RetryPolicy;
import io.quota.notification.persistence.ClaimedDelivery;
import io.quota.notification.persistence.DeliveryAttemptEntity;
import io.quota.notification.persistence.DeliveryEntity;
import io.quota.notification.persistence.DeliveryRepository;
import io.quota.notification.persistence.DeliveryRepository.DeliveryQuery;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery ledger. Each method is one short transaction: claiming due deliveries and recording an attempt's
 * outcome are separate, so no transaction (nor row lock) is held while a receiver is being called.
 */
@ApplicationScoped
@Transactional
public class DeliveryService {
    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    @Inject
    DeliveryRepository deliveries;
    @Inject
    Outbox outbox;
    @Inject
    DeliveryConfig config;
    @Inject
    DispatchSignal signal;

    /** Marks up to {@code limit} due deliveries IN_FLIGHT for this instance, under a lease. */
    public List<ClaimedDelivery> claimDue(int limit) {
        Instant now = Instant.now();
        return deliveries.claimDue(now, now.plus(config.lease()), limit);
    }

    /** How one attempt of one claimed delivery ended. */
    public record Outcome(ClaimedDelivery claim, AttemptResult result, Instant attemptedAt) {
    }

    /**
     * Records how a batch of attempts ended, in one transaction of a few statements, and decides what comes next
     * for each; the final statuses (DELIVERED or FAILED) publish NotificationDelivered in the same transaction (a
     * digest also on behalf of each delivery it carries), all of them through one outbox row. An entry is empty
     * when its claim was lost meanwhile (its lease ran out and another dispatcher took the delivery over, or the
     * subscription was deleted): that one records instead.
     */
    public List<Optional<DeliveryProgress>> recordAll(List<Outcome> outcomes) {
        Instant now = Instant.now();
        RetryPolicy policy = config.retryPolicy();
        List<DeliveryRepository.Recorded> attempts = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            attempts.add(new DeliveryRepository.Recorded(o.claim(), o.claim().progress().afterAttempt(o.result(),
                    policy, now, ThreadLocalRandom.current().nextDouble()), o.attemptedAt(), o.result()));
        }
        Set<UUID> recorded = deliveries.record(attempts);
        List<DeliveryRepository.Recorded> finished = attempts.stream()
                .filter(r -> recorded.contains(r.claim().deliveryId()) && r.next().status().isFinal()).toList();
        publishDelivered(finished);
        List<Optional<DeliveryProgress>> result = new ArrayList<>(attempts.size());
        for (DeliveryRepository.Recorded r : attempts) {
            if (recorded.contains(r.claim().deliveryId())) {
                result.add(Optional.of(r.next()));
            } else {
                LOG.warnf("delivery %s: claim lost before its outcome (%s) was recorded", r.claim().deliveryId(),
                        r.result().outcome());
                result.add(Optional.empty());
            }
        }
        return result;
    }

    /** NotificationDelivered for each finished delivery and each delivery a finished digest carried. */
    private void publishDelivered(List<DeliveryRepository.Recorded> finished) {
        if (finished.isEmpty()) {
            return;
        }
        List<UUID> digests = finished.stream().filter(r -> MessageRenderer.DIGEST_TYPE.equals(r.claim().eventType()))
                .map(r -> r.claim().deliveryId()).toList();
        Map<UUID, List<DeliveryRepository.Member>> members = digests.isEmpty() ? Map.of()
                : deliveries.members(digests);
        List<NotificationDelivered> events = new ArrayList<>();
        for (DeliveryRepository.Recorded r : finished) {
            ClaimedDelivery d = r.claim();
            String channel = d.channel().name();
            events.add(delivered(d.deliveryId(), d.subscriptionId(), d.sourceEventId(), channel, r.next()));
            // each event the digest carried reached its subscriber now, in this message
            for (DeliveryRepository.Member m : members.getOrDefault(d.deliveryId(), List.of())) {
                events.add(delivered(m.id(), d.subscriptionId(), m.sourceEventId(), channel, r.next()));
            }
        }
        DeliveredExpander.publish(outbox, events);
    }

    private static NotificationDelivered delivered(UUID deliveryId, UUID subscriptionId, UUID sourceEventId,
                                                   String channel, DeliveryProgress p) {
        return new NotificationDelivered(
                EventIds.derive("notification-delivered", deliveryId.toString(), Integer.toString(p.attempts())),
                Instant.now(), 1, deliveryId.toString(), subscriptionId.toString(), sourceEventId, channel,
                p.status().name(), p.attempts());
    }
    /**
     * Asks again for a DELIVERED or FAILED delivery: due now, with a fresh round of attempts. One the reader may not
     * see is answered like a missing one.
     */
    public DeliveryEntity redeliver(UUID id, Reader reader) {
        if (!deliveries.visible(id, reader)) {
            throw ProblemException.notFound("delivery", id.toString());
        }
        DeliveryEntity d = deliveries.lock(id).orElseThrow(() -> ProblemException.notFound("delivery", id.toString()));
        if (d.status == DeliveryStatus.MERGED) {
            throw ProblemException.conflict("delivery " + id + " was MERGED into digest " + d.digestId
                    + "; redeliver the digest");
        }
        if (!d.status.redeliverable()) {
            throw ProblemException.conflict("delivery " + id + " is " + d.status + "; only DELIVERED or FAILED "
                    + "deliveries can be redelivered");
        }
        d.progress(d.progress().redeliver(Instant.now()));
        signal.afterCommit();
        return d;
    }

    /** The delivery, if the reader may see it; otherwise 404 exactly like a missing one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryEntity get(UUID id, Reader reader) {
        return deliveries.find(id).filter(d -> deliveries.visible(d.id, reader))
                .orElseThrow(() -> ProblemException.notFound("delivery", id.toString()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryAttemptEntity> attempts(UUID id) {
        return deliveries.attempts(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryEntity> page(Reader reader, DeliveryQuery query, int page, int size) {
        return deliveries.page(reader, query, page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(Reader reader, DeliveryQuery query) {
        return deliveries.count(reader, query);
    }
}
