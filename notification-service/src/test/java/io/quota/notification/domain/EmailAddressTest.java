package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailAddressTest {
    @Test
    void onePlainAddressOnly() {
        for (String ok : List.of("sales-east@example.com", "li.wei+quota@corp.example.cn")) {
            assertTrue(EmailAddress.valid(ok), ok);
        }
        for (String bad : List.of("", "no-at.example.com", "a@b", "Li Wei <li@example.com>", "a@example.com, b@example.com",
                "a@example.com\r\nBcc: x@evil.example", "a@-bad.example", "x".repeat(250) + "@e.example")) {
            assertFalse(EmailAddress.valid(bad), bad);
        }
        assertFalse(EmailAddress.valid(null));
    }
}
