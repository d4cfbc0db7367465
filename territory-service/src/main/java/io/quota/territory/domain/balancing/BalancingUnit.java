package io.quota.territory.domain.balancing;

/**
 * What moves as a whole: one account, or all the accounts of a city or postal prefix in one territory.
 * Potential is in minor units (cents) so totals stay exact; workload in visits per year.
 */
public record BalancingUnit(String key, String territoryId, long potentialMinor, long workload, int accounts,
                            boolean locked) {
}
