package io.quota.territory.domain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tree as the domain sees it, kept in a map: what persistence does, without a database. */
class InMemoryTree implements TerritoryTree {
    final Map<TerritoryId, Territory> nodes = new TreeMap<>();

    Territory add(Territory t) {
        nodes.put(t.id(), t);
        return t;
    }

    Territory plant(String id, String parentId, TerritoryType type) {
        return add(Territory.plant(TerritoryId.of(id), TerritoryId.ofNullable(parentId), type,
                TerritoryNames.of(id, null), null, this));
    }

    Territory get(String id) {
        return nodes.get(TerritoryId.of(id));
    }

    @Override
    public Optional<Territory> find(TerritoryId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    @Override
    public boolean hasChildren(TerritoryId id) {
        return nodes.values().stream().anyMatch(t -> id.equals(t.parentId()));
    }

    @Override
    public boolean hasActiveChildren(TerritoryId id) {
        return nodes.values().stream().anyMatch(t -> id.equals(t.parentId()) && t.active());
    }
}
