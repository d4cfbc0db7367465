package io.quota.notification.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryTimingTest {
    /** 22:00-07:00 in Shanghai (UTC+8, no daylight saving): 14:00-23:00 UTC. */
    static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Asia/Shanghai"));
    static final Instant NOON_SHANGHAI = Instant.parse("2027-03-22T04:00:00Z");
    static final Instant MIDNIGHT_SHANGHAI = Instant.parse("2027-03-22T16:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(30);

    @Test
    void withoutWindowOrQuietHoursEverythingGoesAtOnce() {
        assertEquals(new DeliveryTiming.SendNow(false),
                DeliveryTiming.decide(false, NOON_SHANGHAI, null, Duration.ZERO, null));
    }

    @Test
    void theFirstMessageOpensTheWindowAndRepeatsInsideItMergeIntoADigestDueAtItsEnd() {
        assertEquals(new DeliveryTiming.SendNow(true), DeliveryTiming.decide(false, NOON_SHANGHAI, null, WINDOW, null));
        Instant opened = NOON_SHANGHAI.minus(Duration.ofMinutes(10));
        assertEquals(new DeliveryTiming.Digest(opened.plus(WINDOW)),
                DeliveryTiming.decide(false, NOON_SHANGHAI, null, WINDOW, opened));
        // once the window is over, the next one goes at once and opens a new window
        Instant longAgo = NOON_SHANGHAI.minus(Duration.ofMinutes(31));
        assertEquals(new DeliveryTiming.SendNow(true), DeliveryTiming.decide(false, NOON_SHANGHAI, null, WINDOW, longAgo));
    }

    @Test
    void aWarningEscalatingToCriticalGoesAtOnceInsideTheWindowAndThroughQuietHours() {
        Instant opened = MIDNIGHT_SHANGHAI.minus(Duration.ofMinutes(1));
        assertEquals(new DeliveryTiming.SendNow(false), DeliveryTiming.decide(true, MIDNIGHT_SHANGHAI, NIGHT, WINDOW, opened));
        assertEquals(new DeliveryTiming.SendNow(false), DeliveryTiming.decide(true, MIDNIGHT_SHANGHAI, NIGHT, Duration.ZERO, null));
    }

    @Test
    void quietHoursHoldTheRestUntilTheyEndInTheSubscribersZone() {
        Instant sevenShanghai = Instant.parse("2027-03-22T23:00:00Z");
        assertEquals(new DeliveryTiming.Hold(sevenShanghai),
                DeliveryTiming.decide(false, MIDNIGHT_SHANGHAI, NIGHT, Duration.ZERO, null));
        // with a window, what quiet hours held merges into one digest at their end
        assertEquals(new DeliveryTiming.Digest(sevenShanghai),
                DeliveryTiming.decide(false, MIDNIGHT_SHANGHAI, NIGHT, WINDOW, null));
        // a window ending inside quiet hours waits for them too
        Instant opened = Instant.parse("2027-03-22T13:45:00Z"); // 21:45 Shanghai: window ends 22:15, inside
        assertEquals(new DeliveryTiming.Digest(sevenShanghai),
                DeliveryTiming.decide(false, Instant.parse("2027-03-22T13:50:00Z"), NIGHT, WINDOW, opened));
    }

    @Test
    void windowsAreBoundedToADay() {
        assertTrue(DeliveryTiming.validWindow(Duration.ZERO));
        assertTrue(DeliveryTiming.validWindow(Duration.ofHours(24)));
        assertFalse(DeliveryTiming.validWindow(Duration.ofHours(24).plusSeconds(1)));
        assertFalse(DeliveryTiming.validWindow(Duration.ofSeconds(-1)));
        assertFalse(DeliveryTiming.validWindow(null));
    }

    /** Whatever the clock, window and quiet hours: critical goes now; nothing else goes inside quiet hours or early. */
    @Property
    void criticalIsNeverHeldAndNothingElseLeavesInsideQuietHours(
            @ForAll @LongRange(min = 1_700_000_000L, max = 1_900_000_000L) long nowSeconds,
            @ForAll @IntRange(min = 0, max = 86_400) int windowSeconds,
            @ForAll @IntRange(min = 0, max = 200_000) int openedAgoSeconds,
            @ForAll @IntRange(min = 0, max = 1439) int quietStart, @ForAll @IntRange(min = 0, max = 1439) int quietEnd,
            @ForAll boolean critical) {
        Instant now = Instant.ofEpochSecond(nowSeconds);
        QuietHours quiet = new QuietHours(LocalTime.ofSecondOfDay(quietStart * 60L), LocalTime.ofSecondOfDay(quietEnd * 60L),
                ZoneId.of("America/New_York"));
        DeliveryTiming.Decision d = DeliveryTiming.decide(critical, now, quiet, Duration.ofSeconds(windowSeconds),
                now.minusSeconds(openedAgoSeconds));
        if (critical) {
            assertTrue(d instanceof DeliveryTiming.SendNow, d.toString());
            return;
        }
        Instant due = d instanceof DeliveryTiming.Hold h ? h.until()
                : d instanceof DeliveryTiming.Digest g ? g.dueAt() : now;
        assertFalse(due.isBefore(now), d.toString());
        assertFalse(quiet.contains(due), "released inside quiet hours: " + d);
    }
}
