package io.quota.territory.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A territory's potential: its annual total addressable market (TAM, 总可寻址市场) in the company currency,
 * kept to the minor unit (scale 2) so every reader sees the same figure.
 */
public record Potential(BigDecimal amount) {
    public static final int SCALE = 2;
    public static final int INTEGER_DIGITS = 18;

    public Potential {
        if (amount == null) {
            throw new IllegalArgumentException("potential amount is required");
        }
        if (amount.signum() < 0) {
            throw new TerritoryRuleViolation("potential", "potential must not be negative: " + amount.toPlainString());
        }
        if (amount.scale() > SCALE) {
            throw new TerritoryRuleViolation("potential", "potential has more than " + SCALE + " decimals: "
                    + amount.toPlainString());
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        if (amount.precision() - amount.scale() > INTEGER_DIGITS) {
            throw new TerritoryRuleViolation("potential", "potential has more than " + INTEGER_DIGITS
                    + " integer digits");
        }
    }

    /** Null stays null: potential is optional. */
    public static Potential ofNullable(BigDecimal amount) {
        return amount == null ? null : new Potential(amount);
    }
}
