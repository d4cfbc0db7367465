package io.quota.target.domain;

import java.math.BigDecimal;
import java.util.Map;

/** The sum of a version's cells for one group of a roll-up, its members keyed by group name (territory, month...). */
public record Subtotal(Map<String, String> members, BigDecimal amount) {
}
