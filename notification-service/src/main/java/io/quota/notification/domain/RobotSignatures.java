package io.quota.notification.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** The signatures chat robots check when their owner enabled signing (加签), each exactly as its vendor documents it. */
public final class RobotSignatures {

    /**
     * DingTalk custom robot: {@code sign = urlEncode(base64(HmacSHA256(key = secret, data = timestamp + "\n" +
     * secret)))}, sent with {@code timestamp} (epoch milliseconds) as query parameters; DingTalk refuses a timestamp
     * more than an hour off.
     */
    public static String dingTalk(String secret, long timestampMillis) {
        byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
                (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /**
     * Feishu custom bot: {@code sign = base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty))}, sent with
     * {@code timestamp} (epoch seconds, as a string) in the JSON body.
     */
    public static String feishu(String secret, long timestampSeconds) {
        byte[] mac = hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
        return Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private RobotSignatures() {
    }
}
