package io.quota.territory.domain;

import io.quota.contracts.NodeKey;

/** A client-given territory id; it appears in node keys, topic keys and URLs, so it uses their alphabet. */
public record TerritoryId(String value) implements Comparable<TerritoryId> {
    public TerritoryId {
        if (value == null || !NodeKey.ID.matcher(value).matches()) {
            throw new IllegalArgumentException("territory id must match " + NodeKey.ID.pattern() + ": " + value);
        }
    }

    public static TerritoryId of(String value) {
        return new TerritoryId(value);
    }

    /** Null stays null: a root has no parent. */
    public static TerritoryId ofNullable(String value) {
        return value == null ? null : new TerritoryId(value);
    }

    @Override
    public int compareTo(TerritoryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
