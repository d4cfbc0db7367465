package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietHoursTest {
    @Test
    void overnightHoursSpanMidnightInTheirZone() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Asia/Shanghai"));
        assertTrue(night.contains(Instant.parse("2027-03-22T14:00:00Z")));   // 22:00 Shanghai
        assertTrue(night.contains(Instant.parse("2027-03-22T22:59:59Z")));   // 06:59:59
        assertFalse(night.contains(Instant.parse("2027-03-22T23:00:00Z")));  // 07:00
        assertFalse(night.contains(Instant.parse("2027-03-22T13:59:59Z")));  // 21:59:59
        assertEquals(Instant.parse("2027-03-22T23:00:00Z"), night.releaseAt(Instant.parse("2027-03-22T15:00:00Z")));
        assertEquals(Instant.parse("2027-03-22T23:00:00Z"), night.releaseAt(Instant.parse("2027-03-22T20:00:00Z")));
        Instant day = Instant.parse("2027-03-22T05:00:00Z");
        assertEquals(day, night.releaseAt(day));
    }

    @Test
    void sameDayHoursAndNone() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30), ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2027-01-15T12:30:00Z"), lunch.releaseAt(Instant.parse("2027-01-15T11:10:00Z")));
        QuietHours none = new QuietHours(LocalTime.of(9, 0), LocalTime.of(9, 0), ZoneId.of("UTC"));
        assertFalse(none.contains(Instant.parse("2027-01-15T09:00:00Z")));
    }

    @Test
    void daylightSavingShiftsTheInstantButNotTheLocalEnd() {
        // New York springs forward on 14 March 2027: 07:00 local is 12:00Z before, 11:00Z after
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("America/New_York"));
        assertEquals(Instant.parse("2027-03-13T12:00:00Z"), night.releaseAt(Instant.parse("2027-03-13T05:00:00Z")));
        assertEquals(Instant.parse("2027-03-14T11:00:00Z"), night.releaseAt(Instant.parse("2027-03-14T05:00:00Z")));
    }
}
