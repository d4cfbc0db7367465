package io.quota.territory.domain.balancing;

import java.util.List;

/** A balancing proposal: the moves, and the spread of potential and workload per rep before and after them. */
public record Proposal(List<Move> moves, int movedAccounts, Spread potentialBefore, Spread potentialAfter,
                       Spread workloadBefore, Spread workloadAfter, List<TerritoryLoad> before,
                       List<TerritoryLoad> after) {
}
