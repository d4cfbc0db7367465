package io.quota.target.domain;

/** The period size a TIME level splits into. The slice implements MONTH. */
public enum Granularity {
    QUARTER, MONTH, DAY;

    public boolean supported() {
        return this == MONTH;
    }
}
