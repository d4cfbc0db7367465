package io.quota.territory.domain.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The account attributes a territory boundary may test; {@code name} is how rules spell them. */
public enum AccountAttribute {
    COUNTRY("country"),
    PROVINCE("province"),
    CITY("city"),
    /** Matches when the account's postal code starts with one of the values. */
    POSTAL_PREFIX("postalPrefix"),
    INDUSTRY("industry"),
    /** B2B or B2C. */
    CUSTOMER_TYPE("customerType"),
    /** Named accounts: the account ids themselves. */
    ACCOUNT_ID("accountId");

    private final String spelling;

    AccountAttribute(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static Optional<AccountAttribute> bySpelling(String name) {
        return Arrays.stream(values()).filter(a -> a.spelling.equals(name)).findFirst();
    }

    public static String spellings() {
        return Arrays.stream(values()).map(AccountAttribute::spelling).toList().toString();
    }

    /** Rules and accounts compare values trimmed and case-folded, so "shanghai" and "Shanghai " are one city. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        return v.isEmpty() ? null : v;
    }
}
