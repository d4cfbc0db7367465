package io.quota.kpi.api;

import io.quota.contracts.NodeKey;
import io.quota.platform.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters; anything wrong is a 400 problem naming the parameter. */
final class QueryParams {
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    static String id(String value, String name, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw ProblemException.badRequest(name, name + " is required");
            }
            return null;
        }
        if (!NodeKey.ID.matcher(value).matches()) {
            throw ProblemException.badRequest(name, name + " must match " + NodeKey.ID.pattern());
        }
        return value;
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                throw ProblemException.badRequest(name, name + " must lie between " + EARLIEST + " and " + LATEST);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, name + " is not a date (yyyy-MM-dd): " + value);
        }
    }

    static int integer(String value, String name, int defaultValue, int min, int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw ProblemException.badRequest(name, name + " must lie between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, name + " is not a whole number: " + value);
        }
    }

    private QueryParams() {
    }
}
