package io.quota.platform.messaging;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {
    static final Exception CONNECTION_LOST = new PersistenceException("could not execute statement",
            new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    static final Exception DUPLICATE_KEY = new PersistenceException("could not execute statement",
            new SQLException("duplicate key value violates unique constraint", "23505"));

    @Test
    void connectionLossDeadlockAndShutdownAreTransientAConstraintViolationIsNot() {
        assertTrue(TransientFailures.isTransient(CONNECTION_LOST));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new SQLException("deadlock detected", "40P01"))));
        assertTrue(TransientFailures.isTransient(new SQLException("terminating connection due to administrator command", "57P01")));
        assertFalse(TransientFailures.isTransient(DUPLICATE_KEY));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("unknown metric")));
    }

    @Test
    void transientFailuresAreRetriedWithDoublingCappedBackoffUntilTheWorkSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        String result = TransientFailures.retry(() -> {
            if (calls.incrementAndGet() < 5) {
                throw CONNECTION_LOST;
            }
            return "stored";
        }, 10, Duration.ofMillis(100), Duration.ofMillis(300), waits::add);
        assertEquals("stored", result);
        assertEquals(5, calls.get());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(300)), waits);
    }

    @Test
    void aPermanentFailureIsThrownAtOnceAndATransientOneAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertSame(DUPLICATE_KEY, assertThrows(Exception.class, () -> TransientFailures.retry(() -> {
            calls.incrementAndGet();
            throw DUPLICATE_KEY;
        }, 10, Duration.ofMillis(1), Duration.ofMillis(1), wait -> { })));
        assertEquals(1, calls.get());

        calls.set(0);
        assertSame(CONNECTION_LOST, assertThrows(Exception.class, () -> TransientFailures.retry(() -> {
            calls.incrementAndGet();
            throw CONNECTION_LOST;
        }, 3, Duration.ofMillis(1), Duration.ofMillis(1), wait -> { })));
        assertEquals(3, calls.get());
    }
}
