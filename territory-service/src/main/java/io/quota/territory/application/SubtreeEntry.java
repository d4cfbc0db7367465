package io.quota.territory.application;

/** A territory of a subtree and its depth below the subtree's root (the root itself is depth 0). */
public record SubtreeEntry(int depth, TerritoryView territory) {
}
