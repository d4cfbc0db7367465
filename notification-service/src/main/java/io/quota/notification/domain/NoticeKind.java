package io.quota.notification.domain;

/** What a notification is about. */
public enum NoticeKind {
    /** a node entered WARNING, CRITICAL or AHEAD */
    DRIFT_DETECTED,
    /** a node is back ON_TRACK */
    DRIFT_RESOLVED,
    /** a node's attainment crossed 50 %, 80 % or 100 % of its target (目标达成) */
    MILESTONE
}
