package io.quota.territory.domain.assignments;

import io.quota.territory.domain.TerritoryRuleViolation;

import java.time.LocalDate;

/** Business days from {@code from} (inclusive) until {@code to} (exclusive; null = open ended). */
public record DateSpan(LocalDate from, LocalDate to) {
    public static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    public DateSpan {
        if (from == null || from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
            throw new TerritoryRuleViolation("effectiveFrom", "effectiveFrom is a date from " + EARLIEST + " to "
                    + LATEST);
        }
        if (to != null && (!to.isAfter(from) || to.isAfter(LATEST))) {
            throw new TerritoryRuleViolation("effectiveTo", "effectiveTo must lie after effectiveFrom and not after "
                    + LATEST);
        }
    }

    public boolean overlaps(DateSpan other) {
        return from.isBefore(other.endOrMax()) && other.from.isBefore(endOrMax());
    }

    public boolean covers(DateSpan inner) {
        return !inner.from.isBefore(from) && !inner.endOrMax().isAfter(endOrMax());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(endOrMax());
    }

    LocalDate endOrMax() {
        return to == null ? LocalDate.MAX : to;
    }
}
