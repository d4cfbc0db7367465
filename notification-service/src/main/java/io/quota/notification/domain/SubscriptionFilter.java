package io.quota.notification.domain;

import java.util.List;

/** Which events a subscription wants. No plans listed means every plan. */
public record SubscriptionFilter(List<String> plans) {
    public static final SubscriptionFilter EVERYTHING = new SubscriptionFilter(null);

    public SubscriptionFilter {
        plans = plans == null || plans.isEmpty() ? null : List.copyOf(plans);
    }

    public boolean matches(String planId) {
        return plans == null || plans.contains(planId);
    }
}
