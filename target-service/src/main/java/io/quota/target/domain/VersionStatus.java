package io.quota.target.domain;

/** Life of a plan version: DRAFT → SUBMITTED → APPROVED (published). The one table of allowed moves. */
public enum VersionStatus {
    DRAFT, SUBMITTED, APPROVED;

    public boolean leadsTo(VersionStatus next) {
        return switch (this) {
            case DRAFT -> next == SUBMITTED;
            case SUBMITTED -> next == APPROVED;
            case APPROVED -> false;
        };
    }
}
