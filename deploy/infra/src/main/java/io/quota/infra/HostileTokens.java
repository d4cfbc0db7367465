package io.quota.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authorization header values that must never pass, each named for the failure message: garbage, expired,
 * signed by another key, unsigned, without issuer or expiry, of another issuer, claiming HS256, tampered, and
 * basic credentials. Every service's security test sends each of them to every endpoint.
 */
public final class HostileTokens {
    private static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    private HostileTokens() {
    }

    /** Bearer tokens (and one Basic header value) forged against the key pair the services under test trust. */
    public static Map<String, String> against(Tokens ours) {
        Tokens stranger;
        try {
            stranger = Tokens.inFolder(Files.createTempDirectory("quota-stranger-keys-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long now = Instant.now().getEpochSecond();
        String admin = "\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"mallory\",\"upn\":\"mallory\",\"groups\":[\"admin\"]";
        String valid = ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage", "garbage");
        tokens.put("an expired token", ours.sign(RS256, "{" + admin + ",\"iat\":" + (now - 7200) + ",\"exp\":"
                + (now - 3600) + "}"));
        tokens.put("a token of another key", stranger.mint("mallory", List.of("admin"), List.of(), Duration.ofHours(1)));
        tokens.put("an unsigned token", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{" + admin + valid) + ".");
        tokens.put("a token without issuer", ours.sign(RS256, "{\"sub\":\"mallory\",\"upn\":\"mallory\","
                + "\"groups\":[\"admin\"]" + valid));
        tokens.put("a token of another issuer", ours.sign(RS256, "{\"iss\":\"https://evil.example\",\"sub\":\"m\","
                + "\"upn\":\"m\",\"groups\":[\"admin\"]" + valid));
        tokens.put("a token without expiry", ours.sign(RS256, "{" + admin + ",\"iat\":" + now + "}"));
        tokens.put("a token claiming HS256", ours.sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{" + admin + valid));
        tokens.put("a tampered token", tamper(ours.mint("vic", List.of("viewer"), List.of(), Duration.ofHours(1))));
        tokens.put("basic credentials", "Basic YWRtaW46YWRtaW4=");
        return Collections.unmodifiableMap(tokens);
    }

    /** The claims of a valid viewer token rewritten to admin, keeping the original signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"", "\"admin\"");
        return parts[0] + "." + b64(claims) + "." + parts[2];
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
