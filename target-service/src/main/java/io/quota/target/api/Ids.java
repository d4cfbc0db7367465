package io.quota.target.api;

/** The id alphabet of contracts NodeKey.ID, as a constant annotations can use. */
final class Ids {
    static final String PATTERN = "[A-Za-z0-9_.:\\-]{1,64}";
    static final String MESSAGE = "must be 1-64 letters, digits or _ . : -";

    private Ids() {
    }
}
