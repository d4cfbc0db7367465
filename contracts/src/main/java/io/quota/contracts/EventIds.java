package io.quota.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Deterministic event ids (UUIDv5, RFC 9562), so a repeated publication is recognised as the same event. */
public final class EventIds {
    /** Namespace of every id Quota derives. */
    public static final UUID QUOTA_NAMESPACE = UUID.fromString("3b0f2a8e-6a7c-5d2e-9f41-0c8d7e5a1b23");

    public static UUID v5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
    }

    /** An id derived from the parts of a name, e.g. ("actual", idempotencyKey, "3"). */
    public static UUID derive(String... parts) {
        return v5(QUOTA_NAMESPACE, String.join("\u001f", parts));
    }

    private EventIds() {
    }
}
