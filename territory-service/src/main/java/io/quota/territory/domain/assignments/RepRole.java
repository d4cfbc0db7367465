package io.quota.territory.domain.assignments;

/** PRIMARY: the rep holds the territory's target; OVERLAY: a specialist credited alongside, never rolled up. */
public enum RepRole {
    PRIMARY, OVERLAY
}
