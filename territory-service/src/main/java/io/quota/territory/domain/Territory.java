package io.quota.territory.domain;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A node of the territory tree (销售区域). Its rules, all in this class:
 * <ul>
 *   <li>a parent exists and is a REGION (only regions group territories);</li>
 *   <li>re-parenting never makes a territory its own ancestor;</li>
 *   <li>an ARCHIVED region has no ACTIVE children: it cannot be archived while it has them, and no active
 *       territory is placed under (or re-activated under) an archived one;</li>
 *   <li>a REGION with children keeps its type.</li>
 * </ul>
 */
public final class Territory {
    private final TerritoryId id;
    private TerritoryDetails details;

    private Territory(TerritoryId id, TerritoryDetails details) {
        this.id = Objects.requireNonNull(id, "id");
        this.details = Objects.requireNonNull(details, "details");
    }

    /** A stored territory, read back; the rules held when it was stored. */
    public static Territory restore(TerritoryId id, TerritoryDetails details) {
        return new Territory(id, details);
    }

    /** Adds a new, active territory to the tree. */
    public static Territory plant(TerritoryId id, TerritoryId parentId, TerritoryType type, TerritoryNames names,
                                  Potential potential, TerritoryTree tree) {
        Territory territory = new Territory(id,
                new TerritoryDetails(parentId, type, names, potential, TerritoryStatus.ACTIVE));
        territory.requireFitsUnder(parentId, territory.details, tree);
        return territory;
    }

    /**
     * Replaces everything a planner may change. Returns false, and changes nothing, when the new details equal
     * the current ones.
     */
    public boolean revise(TerritoryDetails next, TerritoryTree tree) {
        Objects.requireNonNull(next, "details");
        if (next.equals(details)) {
            return false;
        }
        requireFitsUnder(next.parentId(), next, tree);
        if (details.type() != next.type() && details.type().mayHaveChildren() && tree.hasChildren(id)) {
            throw new TerritoryRuleViolation("type", "region " + id + " has child territories: its type stays "
                    + details.type() + " until they move");
        }
        if (!next.active() && tree.hasActiveChildren(id)) {
            throw new TerritoryRuleViolation("status", "region " + id
                    + " has active child territories: archive or move them first");
        }
        details = next;
        return true;
    }

    private void requireFitsUnder(TerritoryId parentId, TerritoryDetails next, TerritoryTree tree) {
        if (parentId == null) {
            return;
        }
        if (parentId.equals(id)) {
            throw new TerritoryRuleViolation("parentId", "territory " + id + " cannot be its own parent");
        }
        Territory parent = tree.find(parentId).orElseThrow(() -> new TerritoryRuleViolation("parentId",
                "parent territory " + parentId + " does not exist"));
        if (!parent.type().mayHaveChildren()) {
            throw new TerritoryRuleViolation("parentId", "parent territory " + parentId + " is a "
                    + parent.type() + ": only a REGION has child territories");
        }
        if (next.active() && !parent.active()) {
            throw new TerritoryRuleViolation("parentId", "parent region " + parentId
                    + " is archived: an active territory cannot sit under it");
        }
        requireNotAncestorOf(parent, tree);
    }

    /** Walks up from the would-be parent; meeting this territory on the way means the move would close a cycle. */
    private void requireNotAncestorOf(Territory parent, TerritoryTree tree) {
        Set<TerritoryId> seen = new HashSet<>();
        Optional<Territory> node = Optional.of(parent);
        while (node.isPresent()) {
            Territory current = node.get();
            if (current.id.equals(id)) {
                throw new TerritoryRuleViolation("parentId", "territory " + parent.id() + " lies under " + id
                        + ": moving " + id + " there would make a cycle");
            }
            if (!seen.add(current.id)) {
                throw new IllegalStateException("the stored tree already has a cycle through " + current.id);
            }
            node = current.parentId() == null ? Optional.empty() : tree.find(current.parentId());
        }
    }

    public TerritoryId id() {
        return id;
    }

    public TerritoryDetails details() {
        return details;
    }

    public TerritoryId parentId() {
        return details.parentId();
    }

    public TerritoryType type() {
        return details.type();
    }

    public TerritoryNames names() {
        return details.names();
    }

    /** Null when unknown. */
    public Potential potential() {
        return details.potential();
    }

    public TerritoryStatus status() {
        return details.status();
    }

    public boolean active() {
        return details.active();
    }

    public boolean isRoot() {
        return details.parentId() == null;
    }

    @Override
    public String toString() {
        return "Territory[" + id + ", " + details + "]";
    }
}
