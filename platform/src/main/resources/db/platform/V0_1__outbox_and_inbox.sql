-- Shared by every service (platform module): the transactional outbox and the idempotent inbox.

-- Written in the business transaction; the relay publishes rows in id order and deletes them.
create table outbox (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    record_key  text        not null,
    ce_type     text        not null,
    ce_subject  text,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- One row per processed event per consumer, written in the consumer's transaction.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_processed_at on inbox (processed_at);
