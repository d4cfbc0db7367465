-- An Idempotency-Key belongs to the caller (token subject) that sent it: another caller using the same key
-- neither replays the first caller's plan nor learns that the key was used.
alter table idempotency_keys add column actor text not null default 'anonymous';
alter table idempotency_keys alter column actor drop default;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (actor, idempotency_key);
