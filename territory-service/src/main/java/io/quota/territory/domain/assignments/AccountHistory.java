package io.quota.territory.domain.assignments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An account's effective-dated territory history. A reassignment on day d keeps everything before d, ends the span
 * running on d, and starts the new territory on d (none: the account is unassigned from d, as an orphan or an
 * overlap is never given to a territory by guess).
 */
public final class AccountHistory {
    /** The account belonged to territoryId from {@code from} until {@code to} (exclusive; null = open). */
    public record Span(String territoryId, LocalDate from, LocalDate to) {
        public Span {
            Objects.requireNonNull(territoryId, "territoryId");
            Objects.requireNonNull(from, "from");
        }
    }

    /** The territory holding the account on {@code day}, or null. */
    public static String holder(List<Span> history, LocalDate day) {
        for (Span s : history) {
            if (!day.isBefore(s.from()) && (s.to() == null || day.isBefore(s.to()))) {
                return s.territoryId();
            }
        }
        return null;
    }

    /** The history with the account in {@code territoryId} (or nowhere, when null) from {@code day} on. */
    public static List<Span> reassign(List<Span> history, String territoryId, LocalDate day) {
        List<Span> out = new ArrayList<>();
        for (Span s : history) {
            if (!s.from().isBefore(day)) {
                continue; // superseded from day on
            }
            out.add(s.to() == null || s.to().isAfter(day) ? new Span(s.territoryId(), s.from(), day) : s);
        }
        if (territoryId != null) {
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.territoryId().equals(territoryId) && day.equals(last.to())) {
                out.set(out.size() - 1, new Span(territoryId, last.from(), null)); // no change: one span
            } else {
                out.add(new Span(territoryId, day, null));
            }
        }
        return List.copyOf(out);
    }

    private AccountHistory() {
    }
}
