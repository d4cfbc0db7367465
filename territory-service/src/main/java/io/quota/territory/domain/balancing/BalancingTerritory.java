package io.quota.territory.domain.balancing;

/** A leaf territory of the region being balanced, with how many PRIMARY reps share its load (0 = vacant). */
public record BalancingTerritory(String id, int reps) {
    /** A vacant territory still has to be worked by someone: it counts as one rep. */
    int divisor() {
        return Math.max(1, reps);
    }
}
