package io.quota.target.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.target.domain.Plan;
import io.quota.target.domain.PlanVersion;

import java.time.Instant;

/**
 * The events of a version's life: PlanPublished (the header; its cells follow as TargetAllocated, expanded by
 * {@link VersionCellsExpander}) and PlanWithdrawn. Ids are derived from plan and version, so a repeat is
 * recognised.
 */
final class PlanEvents {

    static PlanPublished published(Plan plan, PlanVersion version, Instant at) {
        return new PlanPublished(EventIds.derive("PlanPublished", plan.id(), Integer.toString(version.number())), at, 1,
                plan.id(), version.number(), plan.name(), plan.taskType(), plan.metric(), plan.unit().code(),
                plan.period().start(), plan.period().end(), plan.timeZone().getId(), plan.calendar(),
                plan.driftPolicy(), version.cellCount(), plan.unit().normalise(version.total()), plan.alertLevels(),
                plan.fiscalYearStartMonth());
    }

    static PlanWithdrawn withdrawn(Plan plan, PlanVersion version, String reason, Instant at) {
        return new PlanWithdrawn(EventIds.derive("PlanWithdrawn", plan.id(), Integer.toString(version.number())), at, 1,
                plan.id(), version.number(), reason);
    }

    private PlanEvents() {
    }
}
