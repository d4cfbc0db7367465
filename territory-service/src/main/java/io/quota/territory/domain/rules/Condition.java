package io.quota.territory.domain.rules;

import io.quota.territory.domain.TerritoryRuleViolation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A territory boundary: tests over account attributes combined with AND / OR. A leaf test ({@link Match}) holds
 * when the account's attribute is one of its values (for postalPrefix: starts with one of them).
 */
public sealed interface Condition permits Condition.Match, Condition.All, Condition.Any {
    int MAX_VALUES = 10_000;
    int MAX_DEPTH = 8;
    int MAX_VALUE_LENGTH = 64;

    boolean matches(AccountProfile account);

    /** Builds a test from how a client spells it; {@code path} names the field in any refusal. */
    static Match match(String attributeName, List<String> values, String path) {
        AccountAttribute attribute = AccountAttribute.bySpelling(attributeName).orElseThrow(() ->
                new TerritoryRuleViolation(path + ".attribute", "unknown account attribute '" + attributeName
                        + "': a rule tests one of " + AccountAttribute.spellings()));
        if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
            throw new TerritoryRuleViolation(path + ".values", "a test on " + attributeName + " needs 1 to "
                    + MAX_VALUES + " values");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String v : values) {
            String n = AccountAttribute.normalise(v);
            if (n == null || n.length() > MAX_VALUE_LENGTH) {
                throw new TerritoryRuleViolation(path + ".values", "values of " + attributeName
                        + " are 1 to " + MAX_VALUE_LENGTH + " characters");
            }
            normalised.add(n);
        }
        return new Match(attribute, Set.copyOf(normalised));
    }

    static Condition all(List<Condition> parts, String path) {
        return new All(requireParts(parts, path));
    }

    static Condition any(List<Condition> parts, String path) {
        return new Any(requireParts(parts, path));
    }

    private static List<Condition> requireParts(List<Condition> parts, String path) {
        if (parts == null || parts.isEmpty()) {
            throw new TerritoryRuleViolation(path, "an and/or needs at least one condition");
        }
        return List.copyOf(parts);
    }

    record Match(AccountAttribute attribute, Set<String> values) implements Condition {
        @Override
        public boolean matches(AccountProfile account) {
            String actual = account.value(attribute);
            if (actual == null) {
                return false;
            }
            if (attribute != AccountAttribute.POSTAL_PREFIX) {
                return values.contains(actual);
            }
            for (String prefix : values) {
                if (actual.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    record All(List<Condition> parts) implements Condition {
        @Override
        public boolean matches(AccountProfile account) {
            for (Condition c : parts) {
                if (!c.matches(account)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<Condition> parts) implements Condition {
        @Override
        public boolean matches(AccountProfile account) {
            for (Condition c : parts) {
                if (c.matches(account)) {
                    return true;
                }
            }
            return false;
        }
    }
}
