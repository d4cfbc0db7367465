package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {
    static final String SECRET = "quota-test-secret-0123456789abcdef";
    static final long TIMESTAMP = 1767225600L;
    static final String BODY = "{\"specversion\":\"1.0\",\"id\":\"7f1c0a52-3b8e-4c1d-9a64-2e5f0b7d8c91\"}";

    @Test
    void signsTimestampDotBodyWithHmacSha256AsLowercaseHex() {
        // computed independently: printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac "$SECRET"
        assertEquals("sha256=ada5517b16c418a8c23e195810f6df015be64fe1e4c72e8af07607e7958bbe41",
                WebhookSignature.sign(SECRET, TIMESTAMP, BODY));
    }

    @Test
    void verifiesOnlyTheUntamperedFreshRequest() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
        assertTrue(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature, TIMESTAMP + 10));
        assertFalse(WebhookSignature.verify(SECRET, TIMESTAMP, BODY + " ", signature, TIMESTAMP), "body changed");
        assertFalse(WebhookSignature.verify(SECRET, TIMESTAMP + 1, BODY, signature, TIMESTAMP), "timestamp changed");
        assertFalse(WebhookSignature.verify("another-secret-of-enough-length", TIMESTAMP, BODY, signature, TIMESTAMP));
        assertFalse(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature.toUpperCase(), TIMESTAMP));
        assertFalse(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, null, TIMESTAMP));
    }

    @Test
    void refusesTimestampsOlderThanFiveMinutes() {
        String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
        assertTrue(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature, TIMESTAMP + 300));
        assertFalse(WebhookSignature.verify(SECRET, TIMESTAMP, BODY, signature, TIMESTAMP + 301));
    }

    @Test
    void signsUtf8() {
        String zh = "{\"quotasummary\":\"华东 2027-03 销售额\"}";
        assertEquals(WebhookSignature.sign(SECRET, TIMESTAMP, zh), WebhookSignature.sign(SECRET, TIMESTAMP, zh));
        assertFalse(WebhookSignature.sign(SECRET, TIMESTAMP, zh).equals(
                WebhookSignature.sign(SECRET, TIMESTAMP, zh.replace('东', '西'))));
    }
}
