package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;

import java.time.LocalDate;

/** Business dates are accepted from 1990 to 2100 (DESIGN.md section 6: bound every input). */
final class Dates {
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    static LocalDate bounded(String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            throw ProblemException.badRequest(field, field + " is a date from " + EARLIEST + " to " + LATEST);
        }
        return date;
    }

    private Dates() {
    }
}
