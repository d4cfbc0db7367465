package io.quota.platform.security;

/** The roles of DESIGN.md section 6, as they appear in a token's groups claim. */
public final class Roles {
    /** Everything. */
    public static final String ADMIN = "admin";
    /** Creates and edits plan drafts, territories, accounts, subscriptions. */
    public static final String PLANNER = "planner";
    /** Approves or recalls plan versions (never one they authored). */
    public static final String APPROVER = "approver";
    /** Reads its own territory scope; writes its own commitments and subscriptions. */
    public static final String REP = "rep";
    /** Reads everything, writes nothing. */
    public static final String VIEWER = "viewer";
    /** Systems that post actuals, nothing else. */
    public static final String INGEST = "ingest";
    /** Our services calling each other. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
