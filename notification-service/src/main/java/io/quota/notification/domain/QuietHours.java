package io.quota.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Hours in the subscription's own time zone when only critical news is sent; the rest waits until they end. A
 * window that ends before it starts runs over midnight (22:00-07:00). Start equal to end means no quiet hours.
 * Daylight-saving gaps and overlaps resolve as {@link ZonedDateTime#of} does (a skipped time moves forward).
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    /** Whether the instant lies inside quiet hours. */
    public boolean contains(Instant at) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** When a non-critical message due at {@code at} may go: {@code at} itself, or the end of the quiet hours it is in. */
    public Instant releaseAt(Instant at) {
        if (!contains(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, end, zone).toInstant();
    }
}
