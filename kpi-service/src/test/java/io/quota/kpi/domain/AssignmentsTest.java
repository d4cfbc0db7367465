package io.quota.kpi.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AssignmentsTest {
    private static final List<Assignments.Span> HISTORY = List.of(
            new Assignments.Span("EAST", null, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 1)),
            new Assignments.Span("WEST", null, LocalDate.of(2027, 4, 1), null));

    @Test
    void theAccountIsCreditedToWhoHeldItOnTheBusinessDateWithEffectiveToExclusive() {
        assertEquals(Optional.of("EAST"), Assignments.territoryOn(HISTORY, LocalDate.of(2027, 3, 31)));
        assertEquals(Optional.of("WEST"), Assignments.territoryOn(HISTORY, LocalDate.of(2027, 4, 1)));
        assertEquals(Optional.of("WEST"), Assignments.territoryOn(HISTORY, LocalDate.of(2030, 1, 1)));
        assertEquals(Optional.empty(), Assignments.territoryOn(HISTORY, LocalDate.of(2026, 12, 31)));
    }

    @Test
    void overlappingSpansResolveToTheOneThatStartedLast() {
        List<Assignments.Span> overlapping = List.of(
                new Assignments.Span("EAST", null, LocalDate.of(2027, 1, 1), null),
                new Assignments.Span("NORTH", null, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 1)));
        assertEquals(Optional.of("NORTH"), Assignments.territoryOn(overlapping, LocalDate.of(2027, 2, 15)));
        assertEquals(Optional.of("EAST"), Assignments.territoryOn(overlapping, LocalDate.of(2027, 3, 1)));
    }
}
