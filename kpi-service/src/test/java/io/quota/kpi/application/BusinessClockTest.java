package io.quota.kpi.application;

import io.quota.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessClockTest {
    private final BusinessClock clock = new BusinessClock();

    @Test
    void withoutSettingItFollowsTheSystemClockInTheZone() {
        clock.defaultZone = ZoneId.of("Asia/Shanghai");
        assertEquals(LocalDate.now(ZoneId.of("Asia/Shanghai")), clock.today());
        assertEquals(LocalDate.now(ZoneId.of("Pacific/Kiritimati")), clock.today(ZoneId.of("Pacific/Kiritimati")));
        assertFalse(clock.isSet());
    }

    @Test
    void whereItIsNotSettableSettingItIsANotFound() {
        clock.settable = false;
        ProblemException refused = assertThrows(ProblemException.class, () -> clock.set(LocalDate.of(2027, 3, 22)));
        assertEquals(404, refused.status());
        assertFalse(clock.isSet());
    }

    @Test
    void whereItIsSettableASetDateIsTodayEverywhereUntilReset() {
        clock.settable = true;
        clock.defaultZone = ZoneId.of("Asia/Shanghai");
        clock.set(LocalDate.of(2027, 3, 22));
        assertTrue(clock.isSet());
        assertEquals(LocalDate.of(2027, 3, 22), clock.today());
        assertEquals(LocalDate.of(2027, 3, 22), clock.today(ZoneId.of("America/Los_Angeles")));
        clock.set(null);
        assertFalse(clock.isSet());
    }
}
