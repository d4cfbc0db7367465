package io.quota.territory.domain.assignments;

import io.quota.territory.domain.TerritoryRuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of who holds a territory when: one regular PRIMARY per territory at a time; a cover stands in for the
 * territory's PRIMARY rep inside one of that rep's spans, one cover at a time; a rep holds a territory at most once
 * at a time. Violations name the field; {@link RosterConflict} marks the ones that clash with stored records.
 */
public final class RepRoster {
    /** Refuses {@code candidate} if it clashes with the territory's recorded assignments (all roles, all reps). */
    public static void requireFits(RepAssignment candidate, List<RepAssignment> territoryAssignments) {
        for (RepAssignment other : territoryAssignments) {
            if (other.id() == candidate.id() || !other.span().overlaps(candidate.span())) {
                continue;
            }
            if (other.repId().equals(candidate.repId())) {
                throw new RosterConflict("effectiveFrom", "rep " + candidate.repId() + " already holds "
                        + candidate.territoryId() + " " + describe(other.span()));
            }
            if (candidate.regularPrimary() && other.regularPrimary()) {
                throw new RosterConflict("effectiveFrom", "territory " + candidate.territoryId()
                        + " already has PRIMARY rep " + other.repId() + " " + describe(other.span())
                        + ": end that assignment first, or record a cover");
            }
            if (candidate.isCover() && other.isCover()) {
                throw new RosterConflict("effectiveFrom", "territory " + candidate.territoryId()
                        + " is already covered by " + other.repId() + " " + describe(other.span()));
            }
        }
        if (candidate.isCover()) {
            requireCoverable(candidate, territoryAssignments);
        }
    }

    private static void requireCoverable(RepAssignment cover, List<RepAssignment> territoryAssignments) {
        if (cover.role() != RepRole.PRIMARY) {
            throw new TerritoryRuleViolation("role", "a cover stands in for a PRIMARY rep: its role is PRIMARY");
        }
        if (cover.coverFor().equals(cover.repId())) {
            throw new TerritoryRuleViolation("coverFor", "a rep cannot cover for itself");
        }
        if (cover.span().to() == null) {
            throw new TerritoryRuleViolation("effectiveTo", "a cover is temporary: it needs effectiveTo");
        }
        boolean covered = territoryAssignments.stream().anyMatch(a -> a.regularPrimary()
                && a.repId().equals(cover.coverFor()) && a.span().covers(cover.span()));
        if (!covered) {
            throw new TerritoryRuleViolation("coverFor", "rep " + cover.coverFor() + " is not the PRIMARY rep of "
                    + cover.territoryId() + " for the whole of " + describe(cover.span()));
        }
    }

    /** Ends an open assignment on {@code day} (exclusive); a cover inside it must still fit. */
    public static RepAssignment end(RepAssignment assignment, LocalDate day, List<RepAssignment> territoryAssignments) {
        if (assignment.span().to() != null) {
            throw new RosterConflict("effectiveTo", "assignment " + assignment.id() + " already ends on "
                    + assignment.span().to() + ": history is never rewritten");
        }
        RepAssignment ended = new RepAssignment(assignment.id(), assignment.repId(), assignment.territoryId(),
                assignment.role(), new DateSpan(assignment.span().from(), day), assignment.coverFor());
        for (RepAssignment cover : territoryAssignments) {
            if (cover.isCover() && assignment.repId().equals(cover.coverFor())
                    && assignment.span().covers(cover.span()) && !ended.span().covers(cover.span())) {
                throw new RosterConflict("effectiveTo", "rep " + cover.repId() + " covers for "
                        + assignment.repId() + " " + describe(cover.span()) + ": end after that");
            }
        }
        return ended;
    }

    /**
     * The rep's effective history: its own spans with the days others covered for it cut out, plus the spans it
     * covered for others (as PRIMARY); by start date, then territory.
     */
    public static List<HeldSpan> history(String repId, List<RepAssignment> own, List<RepAssignment> coversForRep) {
        List<HeldSpan> out = new ArrayList<>();
        for (RepAssignment a : own) {
            if (a.isCover() || a.role() == RepRole.OVERLAY) {
                out.add(new HeldSpan(a.territoryId(), a.role(), a.span().from(), a.span().to()));
                continue;
            }
            List<DateSpan> gaps = coversForRep.stream()
                    .filter(c -> c.territoryId().equals(a.territoryId()) && repId.equals(c.coverFor())
                            && a.span().overlaps(c.span()))
                    .map(RepAssignment::span).sorted(Comparator.comparing(DateSpan::from)).toList();
            LocalDate start = a.span().from();
            for (DateSpan gap : gaps) {
                if (gap.from().isAfter(start)) {
                    out.add(new HeldSpan(a.territoryId(), a.role(), start, gap.from()));
                }
                start = gap.endOrMax().isAfter(start) ? gap.to() : start;
                if (start == null) {
                    break;
                }
            }
            if (start != null && start.isBefore(a.span().endOrMax())) {
                out.add(new HeldSpan(a.territoryId(), a.role(), start, a.span().to()));
            }
        }
        out.sort(Comparator.comparing(HeldSpan::from).thenComparing(HeldSpan::territoryId));
        return out;
    }

    private static String describe(DateSpan span) {
        return "from " + span.from() + (span.to() == null ? " on" : " until " + span.to());
    }

    /** A span in a rep's published history. */
    public record HeldSpan(String territoryId, RepRole role, LocalDate from, LocalDate to) {
    }

    /** A clash with what is already recorded (HTTP 409), as opposed to an input that is wrong in itself. */
    public static final class RosterConflict extends TerritoryRuleViolation {
        public RosterConflict(String field, String message) {
            super(field, message);
        }
    }

    private RepRoster() {
    }
}
