package io.quota.target.domain;

/** How a level shares a parent amount among its members (分配方法). The slice implements EQUAL and WEIGHTS. */
public enum AllocationMethod {
    EQUAL, WEIGHTS, HISTORY, POTENTIAL, MANUAL;

    public boolean supported() {
        return this == EQUAL || this == WEIGHTS;
    }
}
