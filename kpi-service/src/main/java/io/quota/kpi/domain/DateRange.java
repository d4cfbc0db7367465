package io.quota.kpi.domain;

import java.time.LocalDate;
import java.util.Objects;

/** A closed range of business dates [from, to]. */
public record DateRange(LocalDate from, LocalDate to) {
    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public boolean contains(DateRange other) {
        return contains(other.from) && contains(other.to);
    }

    public boolean overlaps(DateRange other) {
        return !other.to.isBefore(from) && !other.from.isAfter(to);
    }

    /** This range cut off after the given day, or null when it starts after it. */
    public DateRange until(LocalDate last) {
        if (last.isBefore(from)) {
            return null;
        }
        return new DateRange(from, last.isBefore(to) ? last : to);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
