package io.quota.kpi.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import static io.quota.contracts.DriftState.AHEAD;
import static io.quota.contracts.DriftState.CRITICAL;
import static io.quota.contracts.DriftState.ON_TRACK;
import static io.quota.contracts.DriftState.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftStateMachineTest {
    private final DriftStateMachine defaults = new DriftStateMachine(DriftPolicy.defaults());

    /** The whole transition table under the default policy, with every threshold and hysteresis edge. */
    @ParameterizedTest(name = "{0} at pace {1} -> {2}")
    @CsvSource({
            // from ON_TRACK the plain thresholds decide
            "ON_TRACK, 0.5,    CRITICAL",
            "ON_TRACK, 0.7999, CRITICAL",
            "ON_TRACK, 0.80,   WARNING",
            "ON_TRACK, 0.8999, WARNING",
            "ON_TRACK, 0.90,   ON_TRACK",
            "ON_TRACK, 1.00,   ON_TRACK",
            "ON_TRACK, 1.20,   ON_TRACK",
            "ON_TRACK, 1.2001, AHEAD",
            // WARNING: worse uses the plain threshold, leaving upward needs >= 0.92
            "WARNING,  0.7999, CRITICAL",
            "WARNING,  0.80,   WARNING",
            "WARNING,  0.90,   WARNING",
            "WARNING,  0.9199, WARNING",
            "WARNING,  0.92,   ON_TRACK",
            "WARNING,  1.20,   ON_TRACK",
            "WARNING,  1.2001, AHEAD",
            // CRITICAL: to WARNING needs >= 0.82, to ON_TRACK needs >= 0.92
            "CRITICAL, 0.10,   CRITICAL",
            "CRITICAL, 0.80,   CRITICAL",
            "CRITICAL, 0.8199, CRITICAL",
            "CRITICAL, 0.82,   WARNING",
            "CRITICAL, 0.90,   WARNING",
            "CRITICAL, 0.9199, WARNING",
            "CRITICAL, 0.92,   ON_TRACK",
            "CRITICAL, 1.20,   ON_TRACK",
            "CRITICAL, 1.2001, AHEAD",
            // AHEAD: leaving needs <= 1.18, then the plain thresholds
            "AHEAD,    2.00,   AHEAD",
            "AHEAD,    1.20,   AHEAD",
            "AHEAD,    1.1801, AHEAD",
            "AHEAD,    1.18,   ON_TRACK",
            "AHEAD,    0.90,   ON_TRACK",
            "AHEAD,    0.8999, WARNING",
            "AHEAD,    0.80,   WARNING",
            "AHEAD,    0.7999, CRITICAL",
    })
    void transitionTable(DriftState from, BigDecimal pace, DriftState expected) {
        assertEquals(expected, defaults.next(from, pace, true));
    }

    @ParameterizedTest
    @EnumSource(DriftState.class)
    void noAlertBeforeTheMinimumElapsedOrWhilePaceIsUndefined(DriftState from) {
        assertEquals(ON_TRACK, defaults.next(from, new BigDecimal("0.10"), false));
        assertEquals(ON_TRACK, defaults.next(from, new BigDecimal("3.00"), false));
        assertEquals(ON_TRACK, defaults.next(from, null, true));
    }

    @Test
    void theMinimumElapsedIsTakenFromTheFigures() {
        DateRange march = new DateRange(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31));
        WorkingDays days = WorkingDays.of(WorkCalendar.mondayToFriday());
        BigDecimal target = new BigDecimal("50000.00");
        // 2 of 23 working days (8.7%): too early even at pace 0.5
        Pace early = Pace.ofCell(target, new BigDecimal("2173.91"), march, days, LocalDate.of(2027, 3, 2));
        assertEquals(ON_TRACK, defaults.next(ON_TRACK, early));
        // 3 of 23 (13%) at pace 0.5
        Pace later = Pace.ofCell(target, new BigDecimal("3260.87"), march, days, LocalDate.of(2027, 3, 3));
        assertEquals(CRITICAL, defaults.next(ON_TRACK, later));
        // the EAST example: pace 0.6133 on the 21st
        Pace east = Pace.ofCell(target, new BigDecimal("20000.00"), march, days, LocalDate.of(2027, 3, 21));
        assertEquals(CRITICAL, defaults.next(ON_TRACK, east));
    }

    @Test
    void aPlansOwnPolicyIsUsed() {
        DriftStateMachine strict = new DriftStateMachine(new DriftPolicy(new BigDecimal("0.95"), new BigDecimal("0.85"),
                new BigDecimal("1.10"), new BigDecimal("0.0"), new BigDecimal("0.05")));
        assertEquals(WARNING, strict.next(ON_TRACK, new BigDecimal("0.94"), true));
        assertEquals(CRITICAL, strict.next(ON_TRACK, new BigDecimal("0.84"), true));
        assertEquals(CRITICAL, strict.next(CRITICAL, new BigDecimal("0.89"), true));
        assertEquals(WARNING, strict.next(CRITICAL, new BigDecimal("0.90"), true));
        assertEquals(ON_TRACK, strict.next(WARNING, new BigDecimal("1.00"), true));
        assertEquals(AHEAD, strict.next(ON_TRACK, new BigDecimal("1.11"), true));
        assertEquals(AHEAD, strict.next(AHEAD, new BigDecimal("1.06"), true));
        assertEquals(ON_TRACK, strict.next(AHEAD, new BigDecimal("1.05"), true));
    }

    @Test
    void enteringAnAlertStateIsDetectedAndReturningIsResolved() {
        assertEquals(Optional.empty(), DriftStateMachine.change(WARNING, WARNING));
        assertEquals(Optional.empty(), DriftStateMachine.change(ON_TRACK, ON_TRACK));
        assertEquals(Optional.of(new DriftChange.Detected(WARNING, ON_TRACK)), DriftStateMachine.change(ON_TRACK, WARNING));
        assertEquals(Optional.of(new DriftChange.Detected(CRITICAL, ON_TRACK)), DriftStateMachine.change(ON_TRACK, CRITICAL));
        assertEquals(Optional.of(new DriftChange.Detected(AHEAD, ON_TRACK)), DriftStateMachine.change(ON_TRACK, AHEAD));
        assertEquals(Optional.of(new DriftChange.Detected(CRITICAL, WARNING)), DriftStateMachine.change(WARNING, CRITICAL));
        assertEquals(Optional.of(new DriftChange.Detected(WARNING, CRITICAL)), DriftStateMachine.change(CRITICAL, WARNING));
        assertEquals(Optional.of(new DriftChange.Detected(AHEAD, CRITICAL)), DriftStateMachine.change(CRITICAL, AHEAD));
        assertEquals(Optional.of(new DriftChange.Detected(WARNING, AHEAD)), DriftStateMachine.change(AHEAD, WARNING));
        assertEquals(Optional.of(new DriftChange.Resolved(WARNING)), DriftStateMachine.change(WARNING, ON_TRACK));
        assertEquals(Optional.of(new DriftChange.Resolved(CRITICAL)), DriftStateMachine.change(CRITICAL, ON_TRACK));
        assertEquals(Optional.of(new DriftChange.Resolved(AHEAD)), DriftStateMachine.change(AHEAD, ON_TRACK));
    }
}
