package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HandOffTest {
    static final Instant T0 = Instant.parse("2027-03-01T09:00:00Z");

    @Test
    void roomIsReservedUpToTheCapacityAndGivenBackWhenUnused() {
        HandOff<String> handOff = new HandOff<>(5, Duration.ofSeconds(20));
        assertEquals(3, handOff.reserve(3));
        assertEquals(2, handOff.reserve(4), "only what is left");
        assertEquals(0, handOff.reserve(1), "full: the intake stores the rest as due");
        handOff.release(2);
        assertEquals(2, handOff.reserve(9));
        assertEquals(5, handOff.held());
    }

    @Test
    void takenOldestFirstInBatchesAndTheRoomComesBack() {
        HandOff<String> handOff = new HandOff<>(4, Duration.ofSeconds(20));
        handOff.reserve(4);
        handOff.add(List.of("a", "b", "c"), T0);
        handOff.release(1);
        assertEquals(List.of("a", "b"), handOff.take(2, T0.plusSeconds(1)));
        assertEquals(List.of("c"), handOff.take(2, T0.plusSeconds(1)));
        assertEquals(List.of(), handOff.take(2, T0.plusSeconds(1)));
        assertEquals(0, handOff.held());
        assertEquals(4, handOff.reserve(10));
    }

    @Test
    void anEntryThatWaitedTooLongIsDroppedNotSentSoItsLeaseCanRunOutFirst() {
        HandOff<String> handOff = new HandOff<>(10, Duration.ofSeconds(20));
        handOff.reserve(3);
        handOff.add(List.of("old"), T0);
        handOff.add(List.of("young", "newest"), T0.plusSeconds(15));
        assertEquals(List.of("young", "newest"), handOff.take(10, T0.plusSeconds(21)));
        assertEquals(1, handOff.dropped());
        assertEquals(0, handOff.held());
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HandOff<>(-1, Duration.ZERO));
    }
}
