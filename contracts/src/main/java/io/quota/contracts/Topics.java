package io.quota.contracts;

import java.util.List;
import java.util.Map;

/** Topic names and partition counts of DESIGN.md section 3: the one place they are spelled. */
public final class Topics {
    public static final String PLANS = "quota.plans.v1";
    public static final String TARGETS = "quota.targets.v1";
    public static final String ACTUALS = "quota.actuals.v1";
    public static final String TERRITORIES = "quota.territories.v1";
    public static final String ASSIGNMENTS = "quota.assignments.v1";
    public static final String REP_ASSIGNMENTS = "quota.rep-assignments.v1";
    public static final String ATTAINMENT = "quota.attainment.v1";
    public static final String DRIFT = "quota.drift.v1";
    public static final String NOTIFICATIONS = "quota.notifications.v1";

    public static final String DLQ_SUFFIX = ".dlq";

    /** High-volume topics get 12 partitions, the rest 3. */
    public static final Map<String, Integer> PARTITIONS = Map.of(
            PLANS, 3, TARGETS, 12, ACTUALS, 12, TERRITORIES, 3, ASSIGNMENTS, 3,
            REP_ASSIGNMENTS, 3, ATTAINMENT, 12, DRIFT, 12, NOTIFICATIONS, 3);

    /** Topics kept as the latest value per key. */
    public static final List<String> COMPACTED = List.of(TERRITORIES, ASSIGNMENTS, REP_ASSIGNMENTS, ATTAINMENT);

    /** Topics kept forever: replay rebuilds read models from them. */
    public static final List<String> RETAINED_FOREVER = List.of(PLANS, TARGETS, ACTUALS);

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
