package io.quota.target.domain;

import java.math.BigDecimal;

/** The sum of a version's cells for one group of a roll-up; a member is null when the roll-up is not by it. */
public record Subtotal(String territory, String month, BigDecimal amount) {
}
