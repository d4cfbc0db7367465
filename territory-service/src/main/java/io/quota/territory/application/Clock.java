package io.quota.territory.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Now, as stored (PostgreSQL keeps microseconds), and today's business date (UTC). */
final class Clock {
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private Clock() {
    }
}
