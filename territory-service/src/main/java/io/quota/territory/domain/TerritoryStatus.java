package io.quota.territory.domain;

/** ARCHIVED territories stay in the tree (history, replicas) but take no new work. */
public enum TerritoryStatus {
    ACTIVE, ARCHIVED
}
