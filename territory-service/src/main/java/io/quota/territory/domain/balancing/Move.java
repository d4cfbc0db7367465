package io.quota.territory.domain.balancing;

/** One proposed move of a unit from the territory holding it to another of the same region. */
public record Move(String unitKey, String fromTerritoryId, String toTerritoryId, int accounts, long potentialMinor,
                  long workload) {
}
