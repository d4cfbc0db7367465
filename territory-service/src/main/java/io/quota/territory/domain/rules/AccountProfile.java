package io.quota.territory.domain.rules;

/**
 * What the boundary rules see of an account; values are normalised once here ({@link AccountAttribute#normalise})
 * so matching is a plain comparison. Missing values are null and match nothing.
 */
public record AccountProfile(String accountId, String country, String province, String city, String postalCode,
                             String industry, String customerType) {
    public AccountProfile {
        // the id stays as given (it is a key); matching normalises it in value()
        country = AccountAttribute.normalise(country);
        province = AccountAttribute.normalise(province);
        city = AccountAttribute.normalise(city);
        postalCode = postalCode == null ? null : AccountAttribute.normalise(postalCode.replace(" ", ""));
        industry = AccountAttribute.normalise(industry);
        customerType = AccountAttribute.normalise(customerType);
    }

    public String value(AccountAttribute attribute) {
        return switch (attribute) {
            case COUNTRY -> country;
            case PROVINCE -> province;
            case CITY -> city;
            case POSTAL_PREFIX -> postalCode;
            case INDUSTRY -> industry;
            case CUSTOMER_TYPE -> customerType;
            case ACCOUNT_ID -> AccountAttribute.normalise(accountId);
        };
    }
}
