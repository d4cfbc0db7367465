package io.quota.notification.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesFromTheBaseUpToTheCap() {
        long[] seconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
        for (int n = 1; n <= seconds.length; n++) {
            assertEquals(Duration.ofSeconds(seconds[n - 1]), DEFAULT.ceiling(n), "after failure " + n);
        }
        assertEquals(Duration.ofMinutes(5), DEFAULT.ceiling(1_000_000));
    }

    @Test
    void jitterSpansHalfToAllOfTheCeiling() {
        assertEquals(Duration.ofSeconds(2), DEFAULT.delay(3, 0.0));
        assertEquals(Duration.ofSeconds(3), DEFAULT.delay(3, 0.5));
        assertTrue(DEFAULT.delay(3, Math.nextDown(1.0)).compareTo(Duration.ofSeconds(4)) <= 0);
        assertEquals(Duration.ofMillis(50), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).delay(1, 0.0));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.delay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.delay(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.delay(1, -0.1));
    }

    @Property
    void delayStaysWithinHalfAndAllOfTheCappedExponential(@ForAll @LongRange(min = 1, max = 60_000) long baseMillis,
                                                        @ForAll @LongRange(min = 1, max = 3_600_000) long extraMillis,
                                                        @ForAll @IntRange(min = 1, max = 200) int failures,
                                                        @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double jitter) {
        Backoff backoff = new Backoff(Duration.ofMillis(baseMillis), Duration.ofMillis(baseMillis + extraMillis));
        Duration ceiling = backoff.ceiling(failures);
        double exact = Math.min(baseMillis * Math.pow(2, failures - 1), baseMillis + extraMillis);
        assertEquals(exact, ceiling.toMillis(), 1e-6 * exact + 1e-9);
        Duration delay = backoff.delay(failures, jitter);
        assertTrue(delay.multipliedBy(2).compareTo(ceiling.minusNanos(1)) >= 0, delay + " below half of " + ceiling);
        assertTrue(delay.compareTo(ceiling) <= 0, delay + " above " + ceiling);
    }

    @Property
    void ceilingNeverShrinksAsFailuresGrow(@ForAll @IntRange(min = 1, max = 100) int failures) {
        assertTrue(DEFAULT.ceiling(failures + 1).compareTo(DEFAULT.ceiling(failures)) >= 0);
    }
}
