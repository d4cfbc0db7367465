package io.quota.target.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quota.contracts.EventIds;
import io.quota.contracts.EventJson;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.TargetAllocated;
import io.quota.platform.outbox.OutboxExpander;
import io.quota.target.persistence.CellStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One outbox row stands for an approved version's cells (DESIGN.md section 5): the relay calls this in its own
 * transaction, and it streams the version's cells with a database cursor, one TargetAllocated each, in cell-key
 * order. Ids derive from plan, version and cell, and the time from the row, so expanding again after a crash
 * yields the very same events, which consumers deduplicate.
 */
@ApplicationScoped
public class VersionCellsExpander implements OutboxExpander {
    static final String NAME = "target-service.version-cells";

    @Inject
    CellStore cells;

    /** The row's payload: which version, in which unit, approved when. */
    record Payload(String planId, int version, String unit, int minorUnit, Instant approvedAt) {
    }

    static String payload(Payload p) {
        return EventJson.write(p);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void expand(String payload, Consumer<QuotaEvent> publish) {
        Payload p;
        try {
            p = EventJson.MAPPER.readValue(payload, Payload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable expansion payload: " + payload, e);
        }
        String version = Integer.toString(p.version());
        cells.forEach(p.planId(), p.version(), (cellKey, amount) -> publish.accept(new TargetAllocated(
                EventIds.derive("TargetAllocated", p.planId(), version, cellKey), p.approvedAt(), 1, p.planId(),
                p.version(), cellKey, amount.setScale(p.minorUnit()), p.unit())));
    }
}
