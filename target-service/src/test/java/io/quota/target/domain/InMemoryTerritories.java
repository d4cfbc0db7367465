package io.quota.target.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A territory directory for domain tests. */
class InMemoryTerritories implements TerritoryDirectory {
    private final Map<String, Territory> byId = new LinkedHashMap<>();

    InMemoryTerritories with(String id, String parent, String type, String status) {
        byId.put(id, new Territory(id, parent, type, status));
        return this;
    }

    InMemoryTerritories withPotential(String id, String potential) {
        byId.put(id, new Territory(id, "CN", "GEOGRAPHIC", "ACTIVE", potential == null ? null : new java.math.BigDecimal(potential)));
        return this;
    }

    static InMemoryTerritories china() {
        return new InMemoryTerritories()
                .with("CN", null, "REGION", "ACTIVE")
                .with("EAST", "CN", "GEOGRAPHIC", "ACTIVE")
                .with("WEST", "CN", "GEOGRAPHIC", "ACTIVE")
                .with("NORTH", "CN", "GEOGRAPHIC", "ARCHIVED");
    }

    @Override
    public Map<String, Territory> find(Collection<String> ids) {
        Map<String, Territory> found = new LinkedHashMap<>();
        ids.stream().filter(byId::containsKey).forEach(id -> found.put(id, byId.get(id)));
        return found;
    }

    @Override
    public List<String> targetCarrying() {
        return byId.values().stream().filter(Territory::canCarryTarget).map(Territory::id).sorted().toList();
    }
}
