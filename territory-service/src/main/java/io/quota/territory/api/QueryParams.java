package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;

import java.util.Locale;

/**
 * Query parameters read as text and parsed here, so a bad value is a 400 naming the parameter (JAX-RS would
 * answer a failed conversion with a bare 404).
 */
final class QueryParams {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    static int page(String value) {
        return integer("page", value, 0, 0, 1_000_000);
    }

    static int size(String value) {
        return integer("size", value, DEFAULT_SIZE, 1, MAX_SIZE);
    }

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(name, name + " must be a whole number from " + min + " to " + max);
    }

    static <E extends Enum<E>> E enumeration(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An optional id filter; blank means no filter. */
    static String id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches(ApiIds.ID)) {
            throw ProblemException.badRequest(name, name + " " + ApiIds.ID_MESSAGE);
        }
        return value;
    }

    private QueryParams() {
    }
}
