package io.quota.target.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.Topics;
import io.quota.contracts.events.TargetAllocated;
import io.quota.platform.outbox.OutboxExpander;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * The TargetAllocated events of one published version, written without reflection: a million of them are
 * published per large version, so everything they share (the JSON around the cell key and amount, the hash state
 * of the id's common prefix) is prepared once. The result is exactly what EventJson writes for the same
 * {@link TargetAllocated} and the id is exactly {@code EventIds.derive("TargetAllocated", planId, version, cellKey)}
 * (a unit test holds both to it). Plan ids, cell keys and units need no JSON escaping (NodeKey.ID, unit codes).
 * Not thread-safe: one per expansion.
 */
final class TargetAllocatedWriter {
    private static final String CE_TYPE = "quota.TargetAllocated.v1";

    private final MessageDigest prefixHash;
    private final String occurredAtJson;
    private final Instant occurredAt;
    private final String middle;
    private final String tail;

    TargetAllocatedWriter(String planId, int version, String unit, Instant occurredAt) {
        this.occurredAt = occurredAt;
        this.occurredAtJson = "\",\"occurredAt\":\"" + occurredAt + "\",\"schemaVersion\":1,\"planId\":\"" + planId
                + "\",\"version\":" + version + ",\"cellKey\":\"";
        this.middle = "\",\"amount\":\"";
        this.tail = "\",\"unit\":\"" + unit + "\"}";
        try {
            prefixHash = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JRE", e);
        }
        prefixHash.update(ByteBuffer.allocate(16).putLong(EventIds.QUOTA_NAMESPACE.getMostSignificantBits())
                .putLong(EventIds.QUOTA_NAMESPACE.getLeastSignificantBits()).array());
        // EventIds.derive joins its parts with U+001F
        prefixHash.update(String.join("\u001f", "TargetAllocated", planId, Integer.toString(version), "")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The event of one cell, its amount already at the unit's minor unit (a plain decimal string). */
    OutboxExpander.Serialized cell(String cellKey, String amount) {
        String id = eventId(cellKey).toString();
        String json = new StringBuilder(200 + cellKey.length()).append("{\"eventId\":\"").append(id)
                .append(occurredAtJson).append(cellKey).append(middle).append(amount).append(tail).toString();
        return new OutboxExpander.Serialized(Topics.TARGETS, cellKey, id, CE_TYPE, cellKey, json, occurredAt);
    }

    /** UUIDv5 as EventIds.v5, continuing from the hash of the shared prefix. */
    UUID eventId(String cellKey) {
        MessageDigest sha1;
        try {
            sha1 = (MessageDigest) prefixHash.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JRE's SHA-1 can be cloned", e);
        }
        byte[] hash = sha1.digest(cellKey.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
