package io.quota.kpi.domain;

import java.util.regex.Pattern;

/** Units of measure: an ISO 4217 currency, COUNT or RATIO; each plan has exactly one. */
public final class Units {
    public static final String PATTERN = "[A-Z]{3}|COUNT|RATIO";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    public static boolean valid(String unit) {
        return unit != null && VALID.matcher(unit).matches();
    }

    /** Decimals shown for amounts in the unit: 2 for currencies, 0 for COUNT, 4 for RATIO. */
    public static int minorUnits(String unit) {
        return switch (unit) {
            case "COUNT" -> 0;
            case "RATIO" -> 4;
            default -> 2;
        };
    }

    private Units() {
    }
}
