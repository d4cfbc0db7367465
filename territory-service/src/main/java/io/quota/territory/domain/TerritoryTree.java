package io.quota.territory.domain;

import java.util.Optional;

/** What the territory rules need to know about the rest of the tree; persistence implements it. */
public interface TerritoryTree {
    Optional<Territory> find(TerritoryId id);

    boolean hasChildren(TerritoryId id);

    boolean hasActiveChildren(TerritoryId id);
}
