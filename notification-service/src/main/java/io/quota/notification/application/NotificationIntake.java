package io.quota.notification.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.NodeKey;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.notification.domain.DeliveryProgress;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.DeliveryTiming;
import io.quota.notification.domain.Milestones;
import io.quota.notification.domain.Notice;
import io.quota.notification.application.SubscriptionIndex.Subscriber;
import io.quota.notification.persistence.ClaimedDelivery;
import io.quota.notification.persistence.DeliveryRepository;
import io.quota.notification.persistence.DeliveryRepository.NewDelivery;
import io.quota.notification.persistence.MilestoneRepository;
import io.quota.notification.persistence.PlanRepository;
import io.quota.notification.persistence.InboxBatch;
import io.quota.notification.persistence.TerritoryRepository;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.RetryTransient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns drift events and milestones into deliveries: one per matching subscription (its filter accepts the notice
 * and its owner's territory scope covers the node), timed by the subscription's throttle window and quiet hours
 * ({@link DeliveryTiming}). Twice safe: the inbox recognises the event id, and (event, subscription) is unique, both
 * in the transaction that stores the deliveries.
 * <p>
 * Drift events come in batches, and a batch costs a handful of statements whatever its size: the inbox rows in one,
 * the subscription index's revision check in one ({@link SubscriptionIndex}), the territory paths and plan names it
 * needs in one each, and every delivery that no throttle window holds in one multi-row insert. Only deliveries to
 * throttled subscriptions go one by one, since each decides on its subscription's window in turn.
 */
@ApplicationScoped
public class NotificationIntake {
    static final String DRIFT_CONSUMER = "notification-service.drift";
    static final String ATTAINMENT_CONSUMER = "notification-service.attainment";
    private static final Logger LOG = Logger.getLogger(NotificationIntake.class);

    @Inject
    Inbox inbox;
    @Inject
    InboxBatch inboxBatch;
    @Inject
    SubscriptionIndex subscriptions;
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
    DispatchSignal dispatchers;
    @Inject
    DeliveryHandOff handOff;
    @Inject
    Clock clock;

    /**
     * DriftDetected and DriftResolved events (already read: see {@link IncomingNotice#ofDrift}), in one transaction;
     * those seen before are skipped. Returns how many deliveries they added.
     */
    @RetryTransient
    @Transactional
    public int acceptDrifts(List<IncomingNotice> notices) {
        Set<UUID> first = inboxBatch.firstDeliveries(DRIFT_CONSUMER,
                notices.stream().map(n -> n.notice().eventId()).toList());
        List<IncomingNotice> fresh = new ArrayList<>(first.size());
        for (IncomingNotice n : notices) {
            // remove: an event twice in one batch counts once
            if (first.remove(n.notice().eventId())) {
                fresh.add(n);
            }
        }
        LOG.debugf("%d drift events, %d seen before", notices.size(), notices.size() - fresh.size());
        return fanOut(fresh);
    }

    /**
     * An AttainmentChanged: news only when the node reached a milestone above the highest told for it in this plan
     * version (remembered in the same transaction as the deliveries).
     */
    @Transactional
    public int acceptAttainment(AttainmentChanged event, String rawJson, String traceparent) {
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
        return fanOut(List.of(IncomingNotice.ofMilestone(event, node, rawJson, crossed.get()).withTrace(traceparent)));
    }

    /** A notice and the subscriptions that asked for it. */
    private record Match(IncomingNotice incoming, List<Subscriber> subscribers) {
    }

    private int fanOut(List<IncomingNotice> incoming) {
        if (incoming.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        SubscriptionIndex.Lookup index = subscriptions.current();
        Map<String, List<String>> paths = paths(incoming, index);
        List<Match> matches = new ArrayList<>(incoming.size());
        Set<String> planIds = new HashSet<>();
        for (IncomingNotice in : incoming) {
            Notice notice = in.notice();
            List<String> ancestorsAndSelf = notice.territoryId() == null ? List.of()
                    : paths.getOrDefault(notice.territoryId(), List.of());
            List<Subscriber> wanting = new ArrayList<>();
            for (Subscriber s : index.forPlan(notice.planId())) {
                // a subscription never tells more than its owner may read
                if (s.filter().matchesPlan(notice.planId())
                        && (s.scope().unrestricted() || s.scope().covers(ancestorsAndSelf))
                        && s.filter().accepts(notice, ancestorsAndSelf)) {
                    wanting.add(s);
                }
            }
            if (!wanting.isEmpty()) {
                matches.add(new Match(in, wanting));
                planIds.add(notice.planId());
            }
        }
        Map<String, String> planNames = planIds.isEmpty() ? Map.of() : plans.names(planIds);
        List<Unthrottled> unthrottled = new ArrayList<>();
        int added = 0;
        for (Match m : matches) {
            // subscriptions on the same channel and in the same language get the same body: render it once
            Map<String, String> bodies = new HashMap<>();
            for (Subscriber s : m.subscribers()) {
                String payload = bodies.computeIfAbsent(s.channel() + "/" + s.locale(),
                        k -> renderer.render(s.channel(), s.summaryLocale(), List.of(m.incoming()), null, now, planNames));
                if (s.throttleWindow().isZero()) {
                    unthrottled.add(new Unthrottled(s, unthrottled(s, m.incoming(), payload, now)));
                } else if (scheduleThrottled(s, m.incoming(), payload, now, planNames)) {
                    added++;
                }
            }
        }
        added += storeUnthrottled(unthrottled, now);
        if (added > 0) {
            dispatchers.afterCommit();
        }
        LOG.debugf("%d notices: %d deliveries", incoming.size(), added);
        return added;
    }

    /**
     * The territory, parent... root of each notice's node, fetched in one round trip, and only when some
     * subscription that may want the notice needs them (a territory filter or a restricted owner).
     */
    private Map<String, List<String>> paths(List<IncomingNotice> incoming, SubscriptionIndex.Lookup index) {
        Set<String> needed = new HashSet<>();
        for (IncomingNotice in : incoming) {
            String territory = in.notice().territoryId();
            if (territory != null && !needed.contains(territory) && index.forPlan(in.notice().planId()).stream()
                    .anyMatch(s -> s.filter().hasTerritory() || !s.scope().unrestricted())) {
                needed.add(territory);
            }
        }
        return needed.isEmpty() ? Map.of() : territories.ancestorsAndSelf(needed);
    }

    /** A delivery to a subscription without a throttle window. */
    private record Unthrottled(Subscriber subscriber, NewDelivery delivery) {
    }

    /**
     * Stores the deliveries in one statement. Those due now are stored already claimed, as far as the hand-off has
     * room, and handed to this instance's dispatchers once the transaction commits: they leave without a claim
     * round trip or a poll (the rest, and any of them this instance never sends, are claimed from the database).
     */
    private int storeUnthrottled(List<Unthrottled> unthrottled, Instant now) {
        int reserved = handOff.reserve((int) unthrottled.stream().filter(u -> !u.delivery().dueAt().isAfter(now))
                .count());
        DeliveryRepository.Claim claim = new DeliveryRepository.Claim(UUID.randomUUID(), now.plus(handOff.lease()));
        List<NewDelivery> rows = new ArrayList<>(unthrottled.size());
        List<ClaimedDelivery> handed = new ArrayList<>(reserved);
        for (Unthrottled u : unthrottled) {
            NewDelivery d = u.delivery();
            if (handed.size() < reserved && !d.dueAt().isAfter(now)) {
                d = new NewDelivery(d.id(), d.subscriptionId(), d.sourceEventId(), d.eventType(), d.channel(),
                        d.planId(), d.territoryId(), d.eventJson(), d.milestone(), d.payload(),
                        DeliveryStatus.IN_FLIGHT, d.dueAt(), d.digestId(), d.occurredAt(), d.traceparent(), claim);
                handed.add(new ClaimedDelivery(d.id(), d.subscriptionId(), d.sourceEventId(), d.channel(), d.payload(),
                        u.subscriber().address(), u.subscriber().secret(), claim.token(),
                        new DeliveryProgress(DeliveryStatus.IN_FLIGHT, 0, 0, d.dueAt(), null), d.eventType(),
                        d.occurredAt(), d.traceparent()));
            }
            rows.add(d);
        }
        Set<UUID> added = deliveries.addAllIfAbsent(rows, now);
        // one the event already had (a repeat) is not sent again from here
        handOff.afterCommit(reserved, handed.stream().filter(c -> added.contains(c.deliveryId())).toList(), now);
        return added.size();
    }

    /** A subscription without a throttle window: due now, or when its quiet hours end. */
    private static NewDelivery unthrottled(Subscriber s, IncomingNotice incoming, String payload, Instant now) {
        DeliveryTiming.Decision decision = DeliveryTiming.decide(incoming.notice().critical(), now, s.quietHours(),
                Duration.ZERO, null);
        Instant due = decision instanceof DeliveryTiming.Hold hold ? hold.until() : now;
        return delivery(id(s, incoming), s, incoming, payload, DeliveryStatus.PENDING, due, null);
    }

    private static UUID id(Subscriber s, IncomingNotice incoming) {
        return EventIds.derive("delivery", incoming.notice().eventId().toString(), s.id().toString());
    }

    /**
     * Stores the delivery of one notice to one throttled subscription, when and how its timing rules say: on its
     * own (opening the window), held for quiet hours, or merged into the window's digest.
     */
    private boolean scheduleThrottled(Subscriber s, IncomingNotice incoming, String payload, Instant now,
                                      Map<String, String> planNames) {
        Notice notice = incoming.notice();
        DeliveryRepository.Window open = deliveries.lockWindow(s.id());
        DeliveryTiming.Decision decision = DeliveryTiming.decide(notice.critical(), now, s.quietHours(),
                s.throttleWindow(), open.openedAt());
        UUID id = id(s, incoming);
        if (decision instanceof DeliveryTiming.SendNow send) {
            boolean added = deliveries.addIfAbsent(delivery(id, s, incoming, payload, DeliveryStatus.PENDING, now,
                    null), now);
            if (added && send.opensWindow()) {
                deliveries.openWindow(s.id(), now);
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
    private boolean merge(Subscriber s, IncomingNotice incoming, UUID memberId, String payload,
                          DeliveryRepository.Window window, Instant dueAt, Instant now, Map<String, String> planNames) {
        Notice notice = incoming.notice();
        UUID digestId = window.digestId() != null && deliveries.lockWaitingDigest(window.digestId())
                ? window.digestId() : null;
        if (digestId == null) {
            digestId = EventIds.derive("digest", s.id().toString(), notice.eventId().toString());
            // rendered for real below, once its first member is stored
            deliveries.addIfAbsent(new NewDelivery(digestId, s.id(), digestId, MessageRenderer.DIGEST_TYPE,
                    s.channel(), null, notice.territoryId(), null, null, payload, DeliveryStatus.PENDING, dueAt, null,
                    notice.occurredAt(), incoming.traceparent(), null), now);
            deliveries.windowDigest(s.id(), digestId);
        }
        if (!deliveries.addIfAbsent(delivery(memberId, s, incoming, payload, DeliveryStatus.MERGED, now, digestId),
                now)) {
            return false;
        }
        List<DeliveryRepository.Member> members = deliveries.members(digestId);
        List<IncomingNotice> notices = members.stream()
                .map(m -> IncomingNotice.restore(m.eventType(), m.eventJson(), m.milestone())).toList();
        deliveries.digestRendered(digestId, renderer.render(s.channel(), s.summaryLocale(), notices, digestId, now,
                plans.names(notices.stream().map(n -> n.notice().planId()).distinct().toList())), notice.territoryId());
        return true;
    }

    private static NewDelivery delivery(UUID id, Subscriber s, IncomingNotice incoming, String payload,
                                        DeliveryStatus status, Instant dueAt, UUID digestId) {
        Notice n = incoming.notice();
        return new NewDelivery(id, s.id(), n.eventId(), incoming.event().ceType(), s.channel(), n.planId(),
                n.territoryId(), incoming.rawJson(), n.milestone(), payload, status, dueAt, digestId, n.occurredAt(),
                incoming.traceparent(), null);
    }
}
