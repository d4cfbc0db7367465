package io.quota.kpi.application;

import java.util.List;

/** What a replay needs to know of the Kafka log of actuals (implemented in messaging). */
public interface ActualsLog {
    /** Positions {partition, offset} in quota.actuals.v1 of the records its .dlq holds, as its letters name them. */
    List<long[]> deadLettered();
}
