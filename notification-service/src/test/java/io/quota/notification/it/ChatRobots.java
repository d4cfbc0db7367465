package io.quota.notification.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quota.contracts.EventJson;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Fake chat robots on loopback that check each request exactly as their vendor documents it, and answer the way
 * the vendor does (HTTP 200 with an error code in the body). Written from the vendors' documentation, independently
 * of the service's own signing code.
 */
final class ChatRobots {

    /**
     * DingTalk custom robot with 加签: {@code timestamp} (ms, within an hour) and {@code sign} query parameters, sign =
     * urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))); markdown messages carry title and text.
     */
    static Receiver dingTalk(String secret) throws IOException {
        return Receiver.responding(hit -> {
            Map<String, String> q = query(hit.query());
            String ts = q.get("timestamp");
            if (q.get("access_token") == null || ts == null || q.get("sign") == null
                    || Math.abs(Instant.now().toEpochMilli() - Long.parseLong(ts)) > 3_600_000L
                    || !base64(hmac(secret, ts + "\n" + secret)).equals(q.get("sign"))) {
                return new Receiver.Answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            }
            JsonNode body = json(hit.body());
            if (!"markdown".equals(body.path("msgtype").asText()) || body.path("markdown").path("title").asText().isEmpty()
                    || body.path("markdown").path("text").asText().isEmpty()) {
                return new Receiver.Answer(200, "{\"errcode\":40035,\"errmsg\":\"missing parameter\"}");
            }
            return new Receiver.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        });
    }

    /** WeCom group robot: POST to /cgi-bin/webhook/send?key=...; markdown messages carry content. */
    static Receiver weCom() throws IOException {
        return Receiver.responding(hit -> {
            JsonNode body = json(hit.body());
            if (query(hit.query()).get("key") == null || !"markdown".equals(body.path("msgtype").asText())
                    || body.path("markdown").path("content").asText().isEmpty()) {
                return new Receiver.Answer(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
            }
            return new Receiver.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        });
    }

    /**
     * Feishu custom bot with signature verification: body fields {@code timestamp} (s, within an hour) and
     * {@code sign} = base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty)).
     */
    static Receiver feishu(String secret) throws IOException {
        return Receiver.responding(hit -> {
            JsonNode body = json(hit.body());
            String ts = body.path("timestamp").asText(null);
            if (ts == null || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) > 3600
                    || !base64(hmacKeyOnly(ts + "\n" + secret)).equals(body.path("sign").asText())) {
                return new Receiver.Answer(200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within "
                        + "one hour from current time\",\"data\":{}}");
            }
            if (!"interactive".equals(body.path("msg_type").asText()) || body.path("card").isMissingNode()) {
                return new Receiver.Answer(200, "{\"code\":9499,\"msg\":\"Bad Request\",\"data\":{}}");
            }
            return new Receiver.Answer(200, "{\"StatusCode\":0,\"StatusMessage\":\"success\",\"code\":0,"
                    + "\"data\":{},\"msg\":\"success\"}");
        });
    }

    /** Slack incoming webhook: answers 200 "ok" to a JSON body with text. */
    static Receiver slack() throws IOException {
        return Receiver.responding(hit -> json(hit.body()).path("text").asText().isEmpty()
                ? new Receiver.Answer(400, "no_text") : new Receiver.Answer(200, "ok"));
    }

    static JsonNode json(String body) {
        try {
            return EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return EventJson.MAPPER.createObjectNode();
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacKeyOnly(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private ChatRobots() {
    }
}
