package io.quota.target.domain;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * What a plan's amounts are in: an ISO 4217 currency, COUNT or RATIO, and its minor unit (the number of
 * decimals every split rounds to): the currency's default fraction digits (CNY 2, JPY 0), COUNT 0, RATIO 4.
 */
public record Unit(String code, int minorUnit) {
    public static final Unit COUNT = new Unit("COUNT", 0);
    public static final Unit RATIO = new Unit("RATIO", 4);

    /** The unit named by a code; an unknown code (or a currency without a minor unit, e.g. XAU) is refused. */
    public static Unit of(String code) {
        if ("COUNT".equals(code)) {
            return COUNT;
        }
        if ("RATIO".equals(code)) {
            return RATIO;
        }
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("unit must be an ISO 4217 currency code, COUNT or RATIO: " + code);
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + code);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(code + " has no minor unit, so it cannot carry a target");
        }
        return new Unit(code, currency.getDefaultFractionDigits());
    }

    /** True when the amount needs no more decimals than the minor unit (trailing zeros count: "1.000" CNY does not fit). */
    public boolean fits(BigDecimal amount) {
        return amount.scale() <= minorUnit;
    }

    /** The amount written with exactly the minor unit's decimals; it must already be exact at that scale. */
    public BigDecimal normalise(BigDecimal amount) {
        return amount.setScale(minorUnit);
    }
}
