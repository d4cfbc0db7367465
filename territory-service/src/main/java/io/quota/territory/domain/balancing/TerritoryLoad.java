package io.quota.territory.domain.balancing;

/** One territory's totals, before or after a proposal. */
public record TerritoryLoad(String territoryId, int reps, int accounts, long potentialMinor, long workload) {
    public double potentialPerRep() {
        return (double) potentialMinor / Math.max(1, reps);
    }

    public double workloadPerRep() {
        return (double) workload / Math.max(1, reps);
    }
}
