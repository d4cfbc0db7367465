package io.quota.target.domain;

import java.math.BigDecimal;

/** What target-service knows of a territory (its replica of TerritoryChanged), with its potential (TAM). */
public record Territory(String id, String parentId, String type, String status, BigDecimal potential) {
    public static final String REGION = "REGION";
    public static final String ACTIVE = "ACTIVE";

    public Territory(String id, String parentId, String type, String status) {
        this(id, parentId, type, status, null);
    }

    /** Only ACTIVE leaf territories carry targets; a REGION's target is the sum of its leaves. */
    public boolean canCarryTarget() {
        return ACTIVE.equals(status) && !REGION.equals(type);
    }
}
