package io.quota.territory.api;

/** Bean Validation needs a constant; this is NodeKey.ID's pattern, and a test keeps the two equal. */
final class ApiIds {
    static final String ID = "[A-Za-z0-9_.:\\-]{1,64}";
    static final String ID_MESSAGE = "must be 1 to 64 letters, digits or _ . : -";

    private ApiIds() {
    }
}
