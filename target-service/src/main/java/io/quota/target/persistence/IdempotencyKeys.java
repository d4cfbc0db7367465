package io.quota.target.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Idempotency-Key of creating POSTs: the first request with a key claims it; repeats find what it created. A key
 * belongs to the caller that sent it: another caller's same key neither replays its plan nor blocks its own.
 */
@ApplicationScoped
public class IdempotencyKeys {
    @Inject
    Sql sql;

    /** What an earlier request with the key created, and a fingerprint of that request. */
    public record Claim(String requestHash, String planId) {
    }

    public Optional<Claim> find(String actor, String key) {
        return sql.query("select request_hash, plan_id from idempotency_keys where actor = ? and idempotency_key = ?",
                rs -> new Claim(rs.getString(1), rs.getString(2)), actor, key).stream().findFirst();
    }

    /**
     * Claims the key for this request in the current transaction. Empty when the claim is ours; otherwise the
     * earlier claim (a concurrent first request is waited for: its row lock is held until it commits or rolls back).
     */
    public Optional<Claim> claim(String actor, String key, String requestHash, String planId) {
        if (sql.update("insert into idempotency_keys (actor, idempotency_key, request_hash, plan_id) values (?, ?, ?, ?)"
                + " on conflict do nothing", actor, key, requestHash, planId) == 1) {
            return Optional.empty();
        }
        return find(actor, key);
    }
}
