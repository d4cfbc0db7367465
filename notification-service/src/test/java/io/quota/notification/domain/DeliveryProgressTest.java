package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryProgressTest {
    static final Instant T0 = Instant.parse("2027-03-15T08:00:00Z");
    static final RetryPolicy POLICY = new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)), 3);
    static final AttemptResult OK = AttemptResult.answered(204, Duration.ofMillis(12));
    static final AttemptResult SERVER_ERROR = AttemptResult.answered(500, Duration.ofMillis(15));
    static final AttemptResult REFUSED_CONNECTION =
            AttemptResult.notAnswered(AttemptOutcome.CONNECTION_ERROR, "ConnectException", Duration.ofMillis(1));

    @Test
    void twoFailuresThenSuccessIsDeliveredOnTheThirdAttempt() {
        DeliveryProgress p = inFlight(DeliveryProgress.due(T0));
        p = p.afterAttempt(SERVER_ERROR, POLICY, T0, 0.0);
        assertEquals(DeliveryStatus.PENDING, p.status());
        assertEquals(T0.plusMillis(500), p.nextAttemptAt(), "half of the 1 s base with jitter 0");
        p = inFlight(p).afterAttempt(REFUSED_CONNECTION, POLICY, T0.plusSeconds(1), 0.0);
        assertEquals(T0.plusSeconds(2), p.nextAttemptAt(), "half of 2 s");
        p = inFlight(p).afterAttempt(OK, POLICY, T0.plusSeconds(3), 0.3);
        assertEquals(DeliveryStatus.DELIVERED, p.status());
        assertEquals(3, p.attempts());
        assertEquals(T0.plusSeconds(3), p.deliveredAt());
    }

    @Test
    void failsOnceTheRoundsAttemptsAreUsedAndARedeliveryStartsAFreshRound() {
        DeliveryProgress p = DeliveryProgress.due(T0);
        for (int i = 0; i < 3; i++) {
            p = inFlight(p).afterAttempt(SERVER_ERROR, POLICY, T0, 0.5);
        }
        assertEquals(DeliveryStatus.FAILED, p.status());
        assertEquals(3, p.attempts());
        assertNull(p.deliveredAt());

        DeliveryProgress again = p.redeliver(T0.plusSeconds(60));
        assertEquals(DeliveryStatus.PENDING, again.status());
        assertEquals(T0.plusSeconds(60), again.nextAttemptAt());
        assertEquals(3, again.attempts(), "the log keeps counting");
        assertEquals(0, again.roundAttempts());
        DeliveryProgress retried = inFlight(again).afterAttempt(SERVER_ERROR, POLICY, T0.plusSeconds(61), 0.5);
        assertEquals(DeliveryStatus.PENDING, retried.status(), "a fresh round has attempts left");
        assertEquals(4, retried.attempts());
    }

    @Test
    void aDeliveredDeliveryCanBeRedeliveredButOneUnderWayCannot() {
        DeliveryProgress delivered = inFlight(DeliveryProgress.due(T0)).afterAttempt(OK, POLICY, T0, 0.5);
        assertEquals(DeliveryStatus.PENDING, delivered.redeliver(T0).status());
        assertThrows(IllegalStateException.class, () -> DeliveryProgress.due(T0).redeliver(T0));
        assertThrows(IllegalStateException.class, () -> delivered.afterAttempt(OK, POLICY, T0, 0.5));
    }

    @Test
    void onlyTwoHundredsDeliver() {
        assertTrue(AttemptResult.answered(200, Duration.ZERO).delivered());
        assertTrue(AttemptResult.answered(299, Duration.ZERO).delivered());
        for (int code : new int[]{100, 301, 302, 304, 400, 404, 410, 429, 500, 503}) {
            AttemptResult r = AttemptResult.answered(code, Duration.ZERO);
            assertEquals(AttemptOutcome.HTTP_ERROR, r.outcome(), "status " + code);
            assertEquals("HTTP " + code, r.error());
        }
    }

    private static DeliveryProgress inFlight(DeliveryProgress p) {
        return new DeliveryProgress(DeliveryStatus.IN_FLIGHT, p.attempts(), p.roundAttempts(), p.nextAttemptAt(),
                p.deliveredAt());
    }
}
