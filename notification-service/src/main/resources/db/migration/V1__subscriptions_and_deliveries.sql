-- notification-service: who wants to hear about drift, and every delivery of every event to them.

create table subscription (
    id           uuid         primary key,
    name         varchar(100) not null,
    channel      varchar(16)  not null,
    address      varchar(2000) not null,
    -- needed in clear to sign each delivery (HMAC); shown to the client only when created
    secret       varchar(128) not null,
    locale       varchar(8)   not null,
    -- null: every plan
    filter_plans text[],
    created_at   timestamptz  not null,
    version      bigint       not null default 0
);

-- One row per (event, subscription): a redelivered event finds its row and creates nothing new.
create table delivery (
    id               uuid        primary key,
    subscription_id  uuid        not null references subscription (id) on delete cascade,
    source_event_id  uuid        not null,
    event_type       varchar(64) not null,
    status           varchar(16) not null,
    -- all attempts ever made; round_attempts counts those since the last (re)delivery request
    attempts         int         not null default 0,
    round_attempts   int         not null default 0,
    next_attempt_at  timestamptz not null,
    -- an IN_FLIGHT row whose lease ran out (its instance crashed) is due again
    claimed_until    timestamptz,
    claim_token      uuid,
    last_status_code int,
    last_error       varchar(500),
    delivered_at     timestamptz,
    payload          text        not null,
    created_at       timestamptz not null,
    version          bigint      not null default 0,
    constraint delivery_once unique (source_event_id, subscription_id)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_lease on delivery (claimed_until) where status = 'IN_FLIGHT';
create index delivery_newest on delivery (created_at desc, id);
create index delivery_by_subscription on delivery (subscription_id, created_at desc);

create table delivery_attempt (
    delivery_id  uuid        not null references delivery (id) on delete cascade,
    attempt_no   int         not null,
    attempted_at timestamptz not null,
    outcome      varchar(16) not null,
    status_code  int,
    error        varchar(500),
    duration_ms  bigint      not null,
    primary key (delivery_id, attempt_no)
);
