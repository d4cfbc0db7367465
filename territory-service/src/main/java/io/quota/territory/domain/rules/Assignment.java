package io.quota.territory.domain.rules;

import java.util.List;

/**
 * Where the rules put one account: exactly one leaf territory (ASSIGNED), none (ORPHAN), or several at the same,
 * highest matching priority (OVERLAP: {@code candidates} lists them, and {@code territoryId} is null because an
 * overlap is never resolved silently).
 */
public record Assignment(String accountId, Outcome outcome, String territoryId, List<String> candidates,
                         int priority) {
    public enum Outcome { ASSIGNED, ORPHAN, OVERLAP }

    static Assignment orphan(String accountId) {
        return new Assignment(accountId, Outcome.ORPHAN, null, List.of(), -1);
    }

    public boolean conflict() {
        return outcome != Outcome.ASSIGNED;
    }
}
