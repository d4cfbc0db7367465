package io.quota.target.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.TargetAllocated;
import io.quota.target.domain.Cell;
import io.quota.target.domain.Plan;
import io.quota.target.domain.PlanVersion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events that publish an approved version: one PlanPublished (the header) and one TargetAllocated per cell.
 * Ids are derived from the plan, version and cell, so publishing the same version again is recognised.
 */
final class PlanEvents {

    static List<QuotaEvent> publication(Plan plan, PlanVersion version, List<Cell> cells, Instant at) {
        String v = Integer.toString(version.number());
        List<QuotaEvent> events = new ArrayList<>(cells.size() + 1);
        events.add(new PlanPublished(EventIds.derive("PlanPublished", plan.id(), v), at, 1, plan.id(),
                version.number(), plan.name(), plan.taskType(), plan.metric(), plan.unit().code(),
                plan.period().start(), plan.period().end(), plan.timeZone().getId(), plan.calendar(),
                plan.driftPolicy(), version.cellCount(), plan.unit().normalise(version.total())));
        for (Cell c : cells) {
            events.add(new TargetAllocated(EventIds.derive("TargetAllocated", plan.id(), v, c.cellKey()), at, 1,
                    plan.id(), version.number(), c.cellKey(), plan.unit().normalise(c.amount()), plan.unit().code()));
        }
        return events;
    }

    private PlanEvents() {
    }
}
