package io.quota.territory.domain;

import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

/**
 * What the company knows about an account (客户): where it is, what it does, what it could buy (potential: annual
 * TAM, in the company currency) and how much work it takes (visits per year). Its territory is not among these:
 * the boundary rules derive it. Violations name the field.
 */
public record AccountFacts(String id, String name, String country, String province, String city, String postalCode,
                           String industry, String customerType, BigDecimal potential, String currency, int workload,
                           String status) {
    public static final int MAX_WORKLOAD = 100_000;
    public static final Set<String> CUSTOMER_TYPES = Set.of("B2B", "B2C");
    public static final Set<String> STATUSES = Set.of("ACTIVE", "INACTIVE");

    public AccountFacts {
        if (id == null || !NodeKey.ID.matcher(id).matches()) {
            throw new TerritoryRuleViolation("id", "account id must match " + NodeKey.ID.pattern());
        }
        name = text("name", name, 200, true);
        country = text("country", country == null ? "CN" : country, 2, true).toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}")) {
            throw new TerritoryRuleViolation("country", "country is an ISO 3166 two-letter code, e.g. CN");
        }
        province = text("province", province, 64, false);
        city = text("city", city, 64, false);
        postalCode = text("postalCode", postalCode, 16, false);
        if (postalCode != null && !postalCode.matches("[A-Za-z0-9 -]+")) {
            throw new TerritoryRuleViolation("postalCode", "postalCode holds letters, digits, spaces and -");
        }
        industry = text("industry", industry, 64, false);
        customerType = choice("customerType", customerType, CUSTOMER_TYPES, null);
        status = choice("status", status, STATUSES, "ACTIVE");
        if (potential == null) {
            throw new TerritoryRuleViolation("potential", "potential is required (annual TAM, e.g. \"1250000.00\")");
        }
        if (potential.signum() < 0) {
            throw new TerritoryRuleViolation("potential", "potential must not be negative: " + potential.toPlainString());
        }
        if (potential.scale() > 2 || potential.precision() - potential.scale() > 18) {
            throw new TerritoryRuleViolation("potential", "potential has at most 18 integer digits and 2 decimals");
        }
        potential = potential.setScale(2, RoundingMode.UNNECESSARY);
        currency = text("currency", currency, 3, true).toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}")) {
            throw new TerritoryRuleViolation("currency", "currency is an ISO 4217 code, e.g. CNY");
        }
        if (workload < 0 || workload > MAX_WORKLOAD) {
            throw new TerritoryRuleViolation("workload", "workload is 0 to " + MAX_WORKLOAD + " visits per year, not "
                    + workload);
        }
    }

    /** Potentials are summed per territory, so every account states them in the one company currency. */
    public AccountFacts requireCurrency(String companyCurrency) {
        if (!currency.equals(companyCurrency)) {
            throw new TerritoryRuleViolation("currency", "potentials are kept in " + companyCurrency + ", not "
                    + currency);
        }
        return this;
    }

    private static String text(String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                throw new TerritoryRuleViolation(field, field + " is required");
            }
            return null;
        }
        if (v.length() > max) {
            throw new TerritoryRuleViolation(field, field + " is at most " + max + " characters");
        }
        return v;
    }

    private static String choice(String field, String value, Set<String> allowed, String fallback) {
        if (value == null || value.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw new TerritoryRuleViolation(field, field + " is one of " + allowed);
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new TerritoryRuleViolation(field, field + " is one of " + allowed + ", not " + value);
        }
        return v;
    }
}
