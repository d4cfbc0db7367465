package io.quota.target.domain;

/** What target-service knows of a territory (its replica of TerritoryChanged). */
public record Territory(String id, String parentId, String type, String status) {
    public static final String REGION = "REGION";
    public static final String ACTIVE = "ACTIVE";

    /** Only ACTIVE leaf territories carry targets; a REGION's target is the sum of its leaves. */
    public boolean canCarryTarget() {
        return ACTIVE.equals(status) && !REGION.equals(type);
    }
}
