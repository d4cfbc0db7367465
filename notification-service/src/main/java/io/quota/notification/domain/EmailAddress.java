package io.quota.notification.domain;

import java.util.regex.Pattern;

/**
 * A recipient of the EMAIL channel: one plain address (local@domain), at most 254 characters, no display name, no
 * line breaks (nothing can smuggle extra headers or recipients into the message).
 */
public final class EmailAddress {
    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public static boolean valid(String address) {
        return address != null && address.length() <= MAX_LENGTH && SHAPE.matcher(address).matches();
    }

    private EmailAddress() {
    }
}
