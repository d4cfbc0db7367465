package io.quota.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A local signing key pair and RS256 bearer tokens signed with it, for the local run and the tests (in
 * production an OIDC provider issues tokens and the services only hold its public key). The key pair lives in
 * a folder: {@code private.pem} (PKCS#8, readable by the owner only) and {@code public.pem} (X.509), which is
 * what the services' {@code mp.jwt.verify.publickey.location} points at. Nothing here is ever committed.
 */
public final class Tokens {
    public static final String ISSUER = "https://quota.local/issuer";
    public static final String PRIVATE_KEY = "private.pem";
    public static final String PUBLIC_KEY = "public.pem";

    private final Path dir;
    private final PrivateKey privateKey;

    private Tokens(Path dir, PrivateKey privateKey) {
        this.dir = dir;
        this.privateKey = privateKey;
    }

    /** Opens the key pair in dir, creating it first if it is not there. */
    public static Tokens inFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            Path priv = dir.resolve(PRIVATE_KEY);
            if (!Files.exists(priv)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(dir.resolve(PUBLIC_KEY), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Path tmp = dir.resolve(PRIVATE_KEY + ".tmp");
                Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's ACL applies
                }
                Files.move(tmp, priv);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(priv)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").trim());
            return new Tokens(dir, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create or read the signing key in " + dir, e);
        }
    }

    /** The location the services verify tokens with, as a {@code file:} URL. */
    public String publicKeyLocation() {
        return dir.resolve(PUBLIC_KEY).toUri().toString();
    }

    /** A token for subject with the given roles (groups) and, when not empty, a territories scope. */
    public String mint(String subject, Collection<String> roles, Collection<String> territories, Duration lifetime) {
        Instant now = Instant.now();
        StringBuilder claims = new StringBuilder("{")
                .append("\"iss\":").append(json(ISSUER))
                .append(",\"sub\":").append(json(subject))
                .append(",\"upn\":").append(json(subject))
                .append(",\"jti\":").append(json(UUID.randomUUID().toString()))
                .append(",\"iat\":").append(now.getEpochSecond())
                .append(",\"exp\":").append(now.plus(lifetime).getEpochSecond())
                .append(",\"groups\":").append(array(roles));
        if (territories != null && !territories.isEmpty()) {
            claims.append(",\"territories\":").append(array(territories));
        }
        return sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims.append('}').toString());
    }

    /** Signs any header and claims as given (tests use it for expired, wrongly typed or incomplete tokens). */
    public String sign(String headerJson, String claimsJson) {
        String signingInput = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String array(Collection<String> values) {
        return values.stream().map(Tokens::json).collect(Collectors.joining(",", "[", "]"));
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
