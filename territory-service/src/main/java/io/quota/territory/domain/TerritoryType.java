package io.quota.territory.domain;

/** The kind of a territory node (销售区域): only a REGION groups other territories; every other type is a leaf. */
public enum TerritoryType {
    REGION, GEOGRAPHIC, INDUSTRY, SEGMENT, NAMED_ACCOUNTS;

    public boolean mayHaveChildren() {
        return this == REGION;
    }
}
