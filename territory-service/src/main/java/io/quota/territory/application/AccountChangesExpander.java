package io.quota.territory.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quota.contracts.EventIds;
import io.quota.contracts.EventJson;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.platform.outbox.OutboxExpander;
import io.quota.territory.persistence.PlanningStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One outbox row stands for the AccountAssignmentChanged events of one change set (an activation moves up to
 * every account; DESIGN.md section 5): the relay calls this in its own transaction and it streams the histories the
 * change set left, one event each, with the account's whole history and its conflict. Ids derive from change set
 * and account, and the time from the row, so expanding again after a crash yields the same events. A history a
 * later change set rewrote before the relay got here is published by that one's row (with the newer history).
 */
@ApplicationScoped
public class AccountChangesExpander implements OutboxExpander {
    static final String NAME = "territory-service.account-changes";
    /** Up to this many accounts the row names them, so expanding looks them up instead of scanning the histories. */
    static final int NAMED_UP_TO = 1_000;

    @Inject
    PlanningStore store;

    record Payload(UUID changeId, Instant occurredAt, List<String> accountIds) {
    }

    static String payload(UUID changeId, Instant occurredAt, List<String> accountIds) {
        return EventJson.write(new Payload(changeId, occurredAt, accountIds.size() <= NAMED_UP_TO ? accountIds : null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void expand(String payload, Consumer<QuotaEvent> publish) {
        Payload p = read(payload, new TypeReference<>() {
        });
        store.forEachChangedHistory(p.changeId(), p.accountIds(), h -> publish.accept(new ConflictEvents.AccountAssignment(
                EventIds.derive("AccountAssignmentChanged", p.changeId().toString(), h.accountId()), p.occurredAt(), 1,
                h.accountId(), h.spans().stream().map(s -> new AccountAssignmentChanged.Span(s.territoryId(), s.from(), s.to()))
                        .toList(), h.conflictJson() == null ? null : read(h.conflictJson(), new TypeReference<ConflictEvents.Conflict>() {
                }))));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable account change: " + json, e);
        }
    }
}
