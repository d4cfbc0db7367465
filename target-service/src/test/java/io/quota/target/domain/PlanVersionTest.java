package io.quota.target.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanVersionTest {
    private static final Instant T0 = Instant.parse("2027-02-01T08:00:00Z");

    private static PlanVersion draft() {
        return PlanVersion.draft(1, 6, new BigDecimal("300000.00"), "planner", T0, null, null);
    }

    @Test
    void aDraftIsSubmittedThenApproved() {
        PlanVersion v = draft();
        v.submit("planner", T0.plusSeconds(60));
        assertEquals(VersionStatus.SUBMITTED, v.status());
        assertEquals("planner", v.submittedBy());
        v.approve("approver", T0.plusSeconds(120));
        assertEquals(VersionStatus.APPROVED, v.status());
        assertEquals("approver", v.approvedBy());
        assertEquals(T0.plusSeconds(120), v.approvedAt());
    }

    @Test
    void everyOtherMoveIsRefused() {
        PlanVersion v = draft();
        assertThrows(IllegalTransition.class, () -> v.approve("approver", T0), "a draft cannot skip submission");
        assertEquals(VersionStatus.DRAFT, v.status());
        v.submit("planner", T0);
        assertThrows(IllegalTransition.class, () -> v.submit("planner", T0), "submitted twice");
        v.approve("approver", T0);
        assertThrows(IllegalTransition.class, () -> v.approve("approver", T0), "approved twice");
        assertThrows(IllegalTransition.class, () -> v.submit("planner", T0), "a published version is final");
        assertEquals(VersionStatus.APPROVED, v.status());
    }

    @Test
    void theAuthorMayNotApproveTheirOwnVersionInAnyStatus() {
        PlanVersion v = draft();
        AuthorMayNotApprove early = assertThrows(AuthorMayNotApprove.class, () -> v.approve("planner", T0));
        assertTrue(early.getMessage().contains("an author may not approve their own version"), early.getMessage());
        v.submit("planner", T0);
        assertThrows(AuthorMayNotApprove.class, () -> v.approve("planner", T0.plusSeconds(60)));
        assertEquals(VersionStatus.SUBMITTED, v.status());
        assertNull(v.approvedBy());
        // anyone else may, and the submitter is not the author
        PlanVersion handedIn = draft();
        handedIn.submit("assistant", T0);
        assertThrows(AuthorMayNotApprove.class, () -> handedIn.approve("planner", T0));
        handedIn.approve("assistant", T0);
        assertEquals(VersionStatus.APPROVED, handedIn.status());
    }

    @Test
    void theTableOfMovesIsDraftSubmittedApprovedThenSupersededOrRecalled() {
        for (VersionStatus from : VersionStatus.values()) {
            for (VersionStatus to : VersionStatus.values()) {
                boolean allowed = (from == VersionStatus.DRAFT && to == VersionStatus.SUBMITTED)
                        || (from == VersionStatus.SUBMITTED && to == VersionStatus.APPROVED)
                        || (from == VersionStatus.APPROVED && to == VersionStatus.SUPERSEDED)
                        || (from == VersionStatus.APPROVED && to == VersionStatus.RECALLED)
                        || (from == VersionStatus.SUPERSEDED && to == VersionStatus.APPROVED);
                assertEquals(allowed, from.leadsTo(to), from + " -> " + to);
            }
        }
    }
}
