package io.quota.territory.domain.assignments;

import java.util.Objects;

/**
 * One recorded assignment of a rep to a territory. Records are never rewritten: a temporary cover (leave) is a
 * new record naming the rep it covers for ({@code coverFor}), and the published history cuts that span out of the
 * covered rep's own.
 */
public record RepAssignment(long id, String repId, String territoryId, RepRole role, DateSpan span, String coverFor) {
    public RepAssignment {
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(territoryId, "territoryId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(span, "span");
    }

    public boolean isCover() {
        return coverFor != null;
    }

    /** A PRIMARY slot holder of its own (not standing in for someone). */
    public boolean regularPrimary() {
        return role == RepRole.PRIMARY && !isCover();
    }
}
