package io.quota.notification.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The X-Quota-Signature of a webhook: {@code sha256=} + lowercase hex HMAC-SHA256, keyed with the subscription's
 * secret, over {@code timestamp + "." + body}. The timestamp (X-Quota-Timestamp, Unix seconds) is signed too, so a
 * receiver that refuses old timestamps is safe from replays of captured requests.
 */
public final class WebhookSignature {
    public static final String PREFIX = "sha256=";
    /** Receivers should refuse a timestamp further than this from their own clock. */
    public static final long TOLERANCE_SECONDS = 300;

    public static String sign(String secret, long timestamp, String body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /** A receiver's check: the signature matches (compared in constant time) and the timestamp is fresh. */
    public static boolean verify(String secret, long timestamp, String body, String signature, long nowSeconds) {
        if (signature == null || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private WebhookSignature() {
    }
}
