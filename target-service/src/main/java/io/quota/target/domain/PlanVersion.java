package io.quota.target.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** One version of a plan's decomposition: its status, how many cells it has, their total, and who moved it when. */
public final class PlanVersion {
    private final int number;
    private VersionStatus status;
    private final int cellCount;
    private final BigDecimal total;
    private final Instant createdAt;
    private final String createdBy;
    private Instant submittedAt;
    private String submittedBy;
    private Instant approvedAt;
    private String approvedBy;
    private final Integer basedOn;
    private final String note;

    private PlanVersion(int number, VersionStatus status, int cellCount, BigDecimal total, Instant createdAt,
                        String createdBy, Instant submittedAt, String submittedBy, Instant approvedAt, String approvedBy,
                        Integer basedOn, String note) {
        this.number = number;
        this.status = Objects.requireNonNull(status, "status");
        this.cellCount = cellCount;
        this.total = Objects.requireNonNull(total, "total");
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.submittedAt = submittedAt;
        this.submittedBy = submittedBy;
        this.approvedAt = approvedAt;
        this.approvedBy = approvedBy;
        this.basedOn = basedOn;
        this.note = note;
    }

    /** A new draft; {@code basedOn} the version it was made from (null for the first), {@code note} why. */
    public static PlanVersion draft(int number, int cellCount, BigDecimal total, String actor, Instant at,
                                    Integer basedOn, String note) {
        return new PlanVersion(number, VersionStatus.DRAFT, cellCount, total, at, actor, null, null, null, null,
                basedOn, note);
    }

    public static PlanVersion restore(int number, VersionStatus status, int cellCount, BigDecimal total,
                                      Instant createdAt, String createdBy, Instant submittedAt, String submittedBy,
                                      Instant approvedAt, String approvedBy, Integer basedOn, String note) {
        return new PlanVersion(number, status, cellCount, total, createdAt, createdBy, submittedAt, submittedBy,
                approvedAt, approvedBy, basedOn, note);
    }

    /** A later approved version replaces this one. */
    void supersede() {
        move(VersionStatus.SUPERSEDED, "supersede");
    }

    /** The version that superseded this one was recalled: this one is the approved one again. */
    void reinstate() {
        move(VersionStatus.APPROVED, "reinstate");
    }

    /** An approver withdraws the published version. */
    void recall() {
        move(VersionStatus.RECALLED, "recall");
    }

    /** Only a draft's cells and definition may change (409 otherwise). */
    public void requireDraft(String action) {
        if (status != VersionStatus.DRAFT) {
            throw new IllegalTransition("cannot " + action + " version " + number + ": it is " + status
                    + "; only a DRAFT changes (make a new version from it)");
        }
    }

    /** The planner hands the draft in for approval. */
    public void submit(String actor, Instant at) {
        move(VersionStatus.SUBMITTED, "submit");
        submittedBy = actor;
        submittedAt = at;
    }

    /**
     * The approver accepts it: the version is published. The author may never approve it (four eyes), whatever
     * its status, so that answer does not depend on timing.
     */
    public void approve(String actor, Instant at) {
        if (actor != null && actor.equals(createdBy)) {
            throw new AuthorMayNotApprove("an author may not approve their own version: " + actor
                    + " created version " + number + ", so another approver must approve it");
        }
        move(VersionStatus.APPROVED, "approve");
        approvedBy = actor;
        approvedAt = at;
    }

    private void move(VersionStatus next, String action) {
        if (!status.leadsTo(next)) {
            throw new IllegalTransition("cannot " + action + " version " + number + ": it is " + status
                    + (status == VersionStatus.APPROVED ? " (published)" : ""));
        }
        status = next;
    }

    public Integer basedOn() {
        return basedOn;
    }

    public String note() {
        return note;
    }

    public int number() {
        return number;
    }

    public VersionStatus status() {
        return status;
    }

    public int cellCount() {
        return cellCount;
    }

    public BigDecimal total() {
        return total;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public Instant approvedAt() {
        return approvedAt;
    }

    public String approvedBy() {
        return approvedBy;
    }
}
