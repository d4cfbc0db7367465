package io.quota.territory.domain;

/** A territory's names; the suite is bilingual, and one of the two is enough. Blank counts as missing. */
public record TerritoryNames(String zh, String en) {
    public static final int MAX_LENGTH = 200;

    public TerritoryNames {
        zh = normalise(zh, "nameZh");
        en = normalise(en, "nameEn");
        if (zh == null && en == null) {
            throw new TerritoryRuleViolation("nameZh", "a territory needs a name: nameZh or nameEn");
        }
    }

    public static TerritoryNames of(String zh, String en) {
        return new TerritoryNames(zh, en);
    }

    private static String normalise(String name, String field) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new TerritoryRuleViolation(field, field + " is longer than " + MAX_LENGTH + " characters");
        }
        return trimmed;
    }
}
