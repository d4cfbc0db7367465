package io.quota.notification.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.NodeKey;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.DeliveryTiming;
import io.quota.notification.domain.Milestones;
import io.quota.notification.domain.Notice;
import io.quota.notification.domain.SubscriptionFilter;
import io.quota.notification.domain.TerritoryScope;
import io.quota.notification.persistence.DeliveryRepository;
import io.quota.notification.persistence.DeliveryRepository.NewDelivery;
import io.quota.notification.persistence.MilestoneRepository;
import io.quota.notification.persistence.PlanRepository;
import io.quota.notification.persistence.SubscriptionEntity;
import io.quota.notification.persistence.SubscriptionRepository;
import io.quota.notification.persistence.TerritoryRepository;
import io.quota.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns drift events and milestones into deliveries: one per matching subscription (its filter accepts the notice
 * and its owner's territory scope covers the node), timed by the subscription's throttle window and quiet hours
 * ({@link DeliveryTiming}). Twice safe: the inbox recognises the event id, and (event, subscription) is unique, both
 * in the transaction that stores the deliveries.
 */
@ApplicationScoped
public class NotificationIntake {
    static final String DRIFT_CONSUMER = "notification-service.drift";
    static final String ATTAINMENT_CONSUMER = "notification-service.attainment";
    private static final Logger LOG = Logger.getLogger(NotificationIntake.class);

    @Inject
    Inbox inbox;
    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    DeliveryRepository deliveries;
    @Inject
    TerritoryRepository territories;
    @Inject
    PlanRepository plans;
    @Inject
    MilestoneRepository milestones;
    @Inject
    MessageRenderer renderer;
    @Inject
    Clock clock;

    /** A DriftDetected or DriftResolved; returns how many deliveries it added. */
    @Transactional
    public int acceptDrift(QuotaEvent event, String rawJson) {
        IncomingNotice notice = IncomingNotice.ofDrift(event, rawJson);
        if (!inbox.firstDelivery(DRIFT_CONSUMER, event.eventId())) {
            LOG.debugf("event %s seen before", event.eventId());
            return 0;
        }
        return fanOut(notice);
    }

    /**
     * An AttainmentChanged: news only when the node reached a milestone above the highest told for it in this plan
     * version (remembered in the same transaction as the deliveries).
     */
    @Transactional
    public int acceptAttainment(AttainmentChanged event, String rawJson) {
        NodeKey node;
        try {
            node = NodeKey.parse(event.nodeKey());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("bad node key: " + e.getMessage(), e);
        }
        if (!inbox.firstDelivery(ATTAINMENT_CONSUMER, event.eventId())) {
            return 0;
        }
        Integer told = milestones.lockHighest(event.nodeKey(), event.planVersion());
        Optional<Integer> crossed = Milestones.crossed(told, event.figures().attainment());
        if (crossed.isEmpty() || !milestones.raise(event.nodeKey(), event.planVersion(), crossed.get(), clock.instant())) {
            return 0;
        }
        return fanOut(IncomingNotice.ofMilestone(event, node, rawJson, crossed.get()));
    }

    private int fanOut(IncomingNotice incoming) {
        Notice notice = incoming.notice();
        Instant now = clock.instant();
        String territory = notice.territoryId();
        List<String> ancestorsAndSelf = null;
        Map<String, String> planNames = null;
        // subscriptions on the same channel and in the same language get the same body: render it once
        Map<String, String> bodies = new HashMap<>();
        int added = 0;
        for (SubscriptionEntity s : subscriptions.all()) {
            SubscriptionFilter filter = s.filter();
            if (!filter.matchesPlan(notice.planId())) {
                continue;
            }
            TerritoryScope scope = s.scope();
            if (ancestorsAndSelf == null && (filter.hasTerritory() || !scope.unrestricted())) {
                // walked once per event, and only when some subscription needs it
                ancestorsAndSelf = territory == null ? List.of() : territories.ancestorsAndSelf(territory);
            }
            // a subscription never tells more than its owner may read
            if (!scope.unrestricted() && !scope.covers(ancestorsAndSelf)) {
                continue;
            }
            if (!filter.accepts(notice, ancestorsAndSelf == null ? List.of() : ancestorsAndSelf)) {
                continue;
            }
            if (planNames == null) {
                planNames = plans.names(List.of(notice.planId()));
            }
            Map<String, String> names = planNames;
            String payload = bodies.computeIfAbsent(s.channel + "/" + s.locale,
                    k -> renderer.render(s.channel, s.summaryLocale(), List.of(incoming), null, now, names));
            if (schedule(s, incoming, payload, now, planNames)) {
                added++;
            }
        }
        LOG.debugf("%s %s: %d deliveries", incoming.event().ceType(), notice.eventId(), added);
        return added;
    }

    /** Stores the delivery of one notice to one subscription, when and how its timing rules say. */
    private boolean schedule(SubscriptionEntity s, IncomingNotice incoming, String payload, Instant now,
                             Map<String, String> planNames) {
        Notice notice = incoming.notice();
        Duration window = s.throttleWindow();
        DeliveryRepository.Window open = window.isZero() ? null : deliveries.lockWindow(s.id);
        DeliveryTiming.Decision decision = DeliveryTiming.decide(notice.critical(), now, s.quietHours(), window,
                open == null ? null : open.openedAt());
        UUID id = EventIds.derive("delivery", notice.eventId().toString(), s.id.toString());
        if (decision instanceof DeliveryTiming.SendNow send) {
            boolean added = deliveries.addIfAbsent(delivery(id, s, incoming, payload, DeliveryStatus.PENDING, now,
                    null), now);
            if (added && send.opensWindow()) {
                deliveries.openWindow(s.id, now);
            }
            return added;
        }
        if (decision instanceof DeliveryTiming.Hold hold) {
            return deliveries.addIfAbsent(delivery(id, s, incoming, payload, DeliveryStatus.PENDING, hold.until(),
                    null), now);
        }
        return merge(s, incoming, id, payload, open, ((DeliveryTiming.Digest) decision).dueAt(), now, planNames);
    }

    /** Adds the notice to the subscription's waiting digest (or a new one) and renders the digest again. */
    private boolean merge(SubscriptionEntity s, IncomingNotice incoming, UUID memberId, String payload,
                          DeliveryRepository.Window window, Instant dueAt, Instant now, Map<String, String> planNames) {
        Notice notice = incoming.notice();
        UUID digestId = window.digestId() != null && deliveries.lockWaitingDigest(window.digestId())
                ? window.digestId() : null;
        if (digestId == null) {
            digestId = EventIds.derive("digest", s.id.toString(), notice.eventId().toString());
            // rendered for real below, once its first member is stored
            deliveries.addIfAbsent(new NewDelivery(digestId, s.id, digestId, MessageRenderer.DIGEST_TYPE, s.channel,
                    null, notice.territoryId(), null, null, payload, DeliveryStatus.PENDING, dueAt, null), now);
            deliveries.windowDigest(s.id, digestId);
        }
        if (!deliveries.addIfAbsent(delivery(memberId, s, incoming, payload, DeliveryStatus.MERGED, now, digestId),
                now)) {
            return false;
        }
        List<DeliveryRepository.Member> members = deliveries.members(digestId);
        List<IncomingNotice> notices = members.stream()
                .map(m -> IncomingNotice.restore(m.eventType(), m.eventJson(), m.milestone())).toList();
        deliveries.digestRendered(digestId, renderer.render(s.channel, s.summaryLocale(), notices, digestId, now,
                plans.names(notices.stream().map(n -> n.notice().planId()).distinct().toList())), notice.territoryId());
        return true;
    }

    private static NewDelivery delivery(UUID id, SubscriptionEntity s, IncomingNotice incoming, String payload,
                                        DeliveryStatus status, Instant dueAt, UUID digestId) {
        Notice n = incoming.notice();
        return new NewDelivery(id, s.id, n.eventId(), incoming.event().ceType(), s.channel, n.planId(),
                n.territoryId(), incoming.rawJson(), n.milestone(), payload, status, dueAt, digestId);
    }
}
