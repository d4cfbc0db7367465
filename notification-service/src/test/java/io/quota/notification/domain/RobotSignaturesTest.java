package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobotSignaturesTest {
    static final String SECRET = "SECabc123";

    @Test
    void dingTalkSignsTimestampNewlineSecretWithTheSecretAsKeyThenUrlEncodes() throws Exception {
        long ts = 1_700_000_000_123L;
        String sign = RobotSignatures.dingTalk(SECRET, ts);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, URLDecoder.decode(sign, StandardCharsets.UTF_8));
        assertTrue(sign.matches("[A-Za-z0-9%._*-]+"), "safe in a query string: " + sign);
        assertNotEquals(sign, RobotSignatures.dingTalk(SECRET, ts + 1));
    }

    @Test
    void feishuKeysWithTimestampNewlineSecretOverNothing() throws Exception {
        long ts = 1_700_000_000L;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((ts + "\n" + SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(new byte[0])), RobotSignatures.feishu(SECRET, ts));
        assertNotEquals(RobotSignatures.feishu(SECRET, ts), RobotSignatures.feishu(SECRET + "x", ts));
    }
}
