package io.quota.notification.application;

import io.quota.notification.domain.Channel;
import io.quota.notification.domain.QuietHours;
import io.quota.notification.domain.SubscriptionFilter;
import io.quota.notification.domain.SummaryLocale;
import io.quota.notification.domain.TerritoryScope;
import io.quota.notification.persistence.SubscriptionEntity;
import io.quota.notification.persistence.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every subscription in memory, indexed by the plans its filter names, so matching a batch of events costs one
 * round trip (the revision check) instead of a read of the table per event. The revision is bumped by a trigger
 * in every transaction that changes a subscription, on any instance; the index is reloaded when it moved.
 */
@ApplicationScoped
public class SubscriptionIndex {
    @Inject
    SubscriptionRepository subscriptions;

    /** What matching and timing need of a subscription: an immutable copy, safe to share between threads. */
    public record Subscriber(UUID id, Channel channel, String locale, SummaryLocale summaryLocale,
                             SubscriptionFilter filter, TerritoryScope scope, QuietHours quietHours,
                             Duration throttleWindow, String address, String secret) {
        static Subscriber of(SubscriptionEntity s) {
            return new Subscriber(s.id, s.channel, s.locale, s.summaryLocale(), s.filter(), s.scope(), s.quietHours(),
                    s.throttleWindow(), s.address, s.secret);
        }
    }

    private record Snapshot(long revision, Map<String, List<Subscriber>> byPlan, List<Subscriber> everyPlan) {
    }

    private volatile Snapshot snapshot;

    /**
     * The subscriptions whose filter names this plan or no plan at all, oldest first within each group. Called in
     * the caller's transaction, which reads the revision once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Lookup current() {
        long revision = subscriptions.revision();
        Snapshot s = snapshot;
        if (s == null || s.revision() != revision) {
            s = load(revision);
            snapshot = s;
        }
        Snapshot taken = s;
        return planId -> {
            List<Subscriber> named = taken.byPlan().getOrDefault(planId, List.of());
            if (named.isEmpty()) {
                return taken.everyPlan();
            }
            List<Subscriber> both = new ArrayList<>(named.size() + taken.everyPlan().size());
            both.addAll(taken.everyPlan());
            both.addAll(named);
            return both;
        };
    }

    /** The candidates for one plan's events (their filters still decide). */
    @FunctionalInterface
    public interface Lookup {
        List<Subscriber> forPlan(String planId);
    }

    private Snapshot load(long revision) {
        Map<String, List<Subscriber>> byPlan = new HashMap<>();
        List<Subscriber> everyPlan = new ArrayList<>();
        for (SubscriptionEntity entity : subscriptions.all()) {
            Subscriber s = Subscriber.of(entity);
            List<String> plans = s.filter().plans();
            if (plans == null) {
                everyPlan.add(s);
            } else {
                plans.stream().distinct().forEach(p -> byPlan.computeIfAbsent(p, k -> new ArrayList<>()).add(s));
            }
        }
        byPlan.replaceAll((k, v) -> List.copyOf(v));
        return new Snapshot(revision, Map.copyOf(byPlan), List.copyOf(everyPlan));
    }
}
