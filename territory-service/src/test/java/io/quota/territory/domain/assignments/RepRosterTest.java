package io.quota.territory.domain.assignments;

import io.quota.territory.domain.TerritoryRuleViolation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RepRosterTest {
    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static RepAssignment a(long id, String rep, String t, RepRole role, String from, String to, String coverFor) {
        return new RepAssignment(id, rep, t, role, new DateSpan(d(from), to == null ? null : d(to)), coverFor);
    }

    final RepAssignment alice = a(1, "alice", "EAST", RepRole.PRIMARY, "2027-01-01", null, null);

    @Test
    void onePrimaryPerTerritoryAtATime() {
        TerritoryRuleViolation e = assertThrows(TerritoryRuleViolation.class, () -> RepRoster.requireFits(
                a(2, "bob", "EAST", RepRole.PRIMARY, "2027-06-01", null, null), List.of(alice)));
        assertInstanceOf(RepRoster.RosterConflict.class, e);
        assertEquals("effectiveFrom", e.field());
        // before alice starts, or as an overlay, bob fits
        RepRoster.requireFits(a(2, "bob", "EAST", RepRole.PRIMARY, "2026-01-01", "2027-01-01", null), List.of(alice));
        RepRoster.requireFits(a(3, "bob", "EAST", RepRole.OVERLAY, "2027-06-01", null, null), List.of(alice));
        assertThrows(RepRoster.RosterConflict.class, () -> RepRoster.requireFits(
                a(4, "alice", "EAST", RepRole.OVERLAY, "2027-06-01", null, null), List.of(alice)));
    }

    @Test
    void aCoverStandsInAndIsCutOutOfTheCoveredRepsHistory() {
        RepAssignment cover = a(2, "bob", "EAST", RepRole.PRIMARY, "2027-03-01", "2027-04-01", "alice");
        RepRoster.requireFits(cover, List.of(alice));
        assertEquals(List.of(new RepRoster.HeldSpan("EAST", RepRole.PRIMARY, d("2027-01-01"), d("2027-03-01")),
                        new RepRoster.HeldSpan("EAST", RepRole.PRIMARY, d("2027-04-01"), null)),
                RepRoster.history("alice", List.of(alice), List.of(cover)));
        assertEquals(List.of(new RepRoster.HeldSpan("EAST", RepRole.PRIMARY, d("2027-03-01"), d("2027-04-01"))),
                RepRoster.history("bob", List.of(cover), List.of()));
        // a second cover at the same time, a cover without end, or for someone not holding the slot: refused
        assertThrows(RepRoster.RosterConflict.class, () -> RepRoster.requireFits(
                a(3, "carl", "EAST", RepRole.PRIMARY, "2027-03-15", "2027-05-01", "alice"), List.of(alice, cover)));
        assertEquals("effectiveTo", assertThrows(TerritoryRuleViolation.class, () -> RepRoster.requireFits(
                a(3, "carl", "EAST", RepRole.PRIMARY, "2027-05-01", null, "alice"), List.of(alice, cover))).field());
        assertEquals("coverFor", assertThrows(TerritoryRuleViolation.class, () -> RepRoster.requireFits(
                a(3, "carl", "EAST", RepRole.PRIMARY, "2026-05-01", "2026-06-01", "alice"), List.of(alice))).field());
        // alice's span cannot end before the cover inside it is over
        assertEquals("effectiveTo", assertThrows(RepRoster.RosterConflict.class,
                () -> RepRoster.end(alice, d("2027-03-10"), List.of(alice, cover))).field());
        assertEquals(d("2027-05-01"), RepRoster.end(alice, d("2027-05-01"), List.of(alice, cover)).span().to());
    }

    @Test
    void datesAreBounded() {
        assertEquals("effectiveFrom", assertThrows(TerritoryRuleViolation.class,
                () -> new DateSpan(d("1989-12-31"), null)).field());
        assertEquals("effectiveTo", assertThrows(TerritoryRuleViolation.class,
                () -> new DateSpan(d("2027-01-01"), d("2027-01-01"))).field());
    }
}
