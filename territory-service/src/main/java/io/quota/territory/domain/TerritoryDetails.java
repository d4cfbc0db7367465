package io.quota.territory.domain;

import java.util.Objects;

/** Everything about a territory that a planner may change: its place in the tree, kind, names, potential, status. */
public record TerritoryDetails(TerritoryId parentId, TerritoryType type, TerritoryNames names, Potential potential,
                               TerritoryStatus status) {
    public TerritoryDetails {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(status, "status");
    }

    public boolean active() {
        return status == TerritoryStatus.ACTIVE;
    }
}
