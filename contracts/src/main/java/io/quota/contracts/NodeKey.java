package io.quota.contracts;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one canonical encoding of a node (a plan, a dimension filter, a period), used in topic keys,
 * tables and URLs: {@code planId~territory=EAST~channel=ONLINE_STORE~2027-03-01..2027-03-31}.
 * Dimensions appear in {@link Dimension} declaration order; the alphabet of ids keeps it URL-safe.
 */
public record NodeKey(String planId, SortedMap<Dimension, String> members, LocalDate from, LocalDate to) {

    /** Ids of plans and members: letters, digits and {@code _ . : -}; no separator can occur in them. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");
    private static final String SEP = "~";

    public NodeKey {
        requireId(planId, "planId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends before it starts: " + from + ".." + to);
        }
        SortedMap<Dimension, String> copy = new TreeMap<>();
        if (members != null) {
            members.forEach((d, m) -> {
                if (d == Dimension.TIME) {
                    throw new IllegalArgumentException("TIME is the period, not a member");
                }
                copy.put(d, requireId(m, d.param()));
            });
        }
        members = Collections.unmodifiableSortedMap(copy);
    }

    public static NodeKey of(String planId, Map<Dimension, String> members, LocalDate from, LocalDate to) {
        return new NodeKey(planId, members == null ? null : new TreeMap<>(members), from, to);
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(planId);
        members.forEach((d, m) -> sb.append(SEP).append(d.param()).append('=').append(m));
        return sb.append(SEP).append(from).append("..").append(to).toString();
    }

    public static NodeKey parse(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("node key is empty");
        }
        String[] parts = key.split(SEP, -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("node key needs a plan and a period: " + key);
        }
        Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        for (int i = 1; i < parts.length - 1; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("node key part is not dimension=member: " + parts[i]);
            }
            Dimension d = Dimension.fromParam(parts[i].substring(0, eq));
            if (members.put(d, parts[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("dimension appears twice: " + d.param());
            }
        }
        String period = parts[parts.length - 1];
        int dots = period.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("node key period is not from..to: " + period);
        }
        try {
            return of(parts[0], members, LocalDate.parse(period.substring(0, dots)),
                    LocalDate.parse(period.substring(dots + 2)));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("node key period has a bad date: " + period, e);
        }
    }

    public String member(Dimension d) {
        return members.get(d);
    }

    private static String requireId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must match " + ID.pattern() + ": " + id);
        }
        return id;
    }

    @Override
    public String toString() {
        return encode();
    }
}
