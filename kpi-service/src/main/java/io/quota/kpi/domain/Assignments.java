package io.quota.kpi.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

/** Effective-dated holdings: who held what on a business date (effectiveTo exclusive, null = open). */
public final class Assignments {

    /** A span of an account's (or rep's) history. */
    public record Span(String territoryId, String role, LocalDate effectiveFrom, LocalDate effectiveTo) {
        public boolean covers(LocalDate day) {
            return !day.isBefore(effectiveFrom) && (effectiveTo == null || day.isBefore(effectiveTo));
        }
    }

    /**
     * The territory that held the account on that day. Overlapping spans (a faulty history) resolve to the one
     * that started last, so the answer is deterministic.
     */
    public static Optional<String> territoryOn(Collection<Span> history, LocalDate day) {
        Span found = null;
        for (Span s : history) {
            if (s.covers(day) && (found == null || s.effectiveFrom().isAfter(found.effectiveFrom())
                    || s.effectiveFrom().equals(found.effectiveFrom()) && s.territoryId().compareTo(found.territoryId()) > 0)) {
                found = s;
            }
        }
        return Optional.ofNullable(found).map(Span::territoryId);
    }

    private Assignments() {
    }
}
