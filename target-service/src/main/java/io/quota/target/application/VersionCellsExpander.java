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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One outbox row stands for an approved version's cells (DESIGN.md section 5): the relay calls this in its own
 * transaction, and it streams the version's cells with a database cursor (in storage order: its partition read
 * straight through), one TargetAllocated each. Ids derive from plan, version and cell, and the time from the row, so expanding again after a crash
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
        Payload p = read(payload);
        String version = Integer.toString(p.version());
        cells.forEachToPublish(p.planId(), p.version(), p.minorUnit(), (cellKey, amount) -> publish.accept(
                new TargetAllocated(EventIds.derive("TargetAllocated", p.planId(), version, cellKey), p.approvedAt(), 1,
                        p.planId(), p.version(), cellKey, new BigDecimal(amount), p.unit())));
    }

    /** The same events as {@link #expand}, their JSON written directly (TargetAllocatedWriter): no reflection per cell. */
    @Override
    public void expandSerialized(String payload, Consumer<Serialized> publish) {
        Payload p = read(payload);
        TargetAllocatedWriter writer = new TargetAllocatedWriter(p.planId(), p.version(), p.unit(), p.approvedAt());
        cells.forEachToPublish(p.planId(), p.version(), p.minorUnit(),
                (cellKey, amount) -> publish.accept(writer.cell(cellKey, amount)));
    }

    private static Payload read(String payload) {
        try {
            return EventJson.MAPPER.readValue(payload, Payload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable expansion payload: " + payload, e);
        }
    }
}
