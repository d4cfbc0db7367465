package io.quota.target.domain;

/**
 * Life of a plan version: DRAFT → SUBMITTED → APPROVED (published) → SUPERSEDED (a later version was approved)
 * or RECALLED (withdrawn; the version it superseded is APPROVED again). The one table of allowed moves.
 */
public enum VersionStatus {
    DRAFT, SUBMITTED, APPROVED, SUPERSEDED, RECALLED;

    public boolean leadsTo(VersionStatus next) {
        return switch (this) {
            case DRAFT -> next == SUBMITTED;
            case SUBMITTED -> next == APPROVED;
            case APPROVED -> next == SUPERSEDED || next == RECALLED;
            case SUPERSEDED -> next == APPROVED; // reinstated when the version that superseded it is recalled
            case RECALLED -> false;
        };
    }
}
