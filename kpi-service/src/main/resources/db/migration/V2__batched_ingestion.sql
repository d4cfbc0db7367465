-- Batched, pre-aggregated ingestion (issue 6). Per-event rows are the bottleneck (DESIGN.md section 8), so the
-- only row per event is its id in the deduplication window; facts are kept as daily aggregates, changed only by
-- commutative upserts (total = total + delta). '' stands for "no member" in key columns, so keys stay comparable.

drop table actual_fact;
drop table daily_total;

-- Event ids already counted, for the deduplication window. Partitioned by the UTC day of the event's occurredAt,
-- which a redelivery carries unchanged, so (event_id, occurred_day) is unique exactly when event_id is; whole days
-- past the window are dropped, never deleted row by row. The default partition holds days outside the window
-- (replays of old events, clocks far ahead) until maintenance trims it.
create table processed_actual (
    event_id     uuid not null,
    occurred_day date not null,
    primary key (event_id, occurred_day)
) partition by range (occurred_day);
create table processed_actual_default partition of processed_actual default;

-- Actuals credited to territories, per day and member of every other dimension. territory_id '' = credited to
-- no territory (an account nobody held that day): unplanned until re-credited. rep_named: a rep was credited
-- explicitly (repId or a split), so the territory's PRIMARY rep is not credited implicitly.
create table territory_daily (
    metric        text           not null,
    unit          text           not null,
    territory_id  text           not null,
    business_date date           not null,
    industry      text           not null,
    customer_type text           not null,
    product_line  text           not null,
    channel       text           not null,
    rep_named     boolean        not null,
    total         numeric(30, 6) not null,
    primary key (metric, unit, territory_id, business_date, industry, customer_type, product_line, channel, rep_named)
);
create index territory_daily_territory on territory_daily (territory_id, metric, business_date);
create index territory_daily_date on territory_daily (metric, business_date);

-- Explicit rep credits (repId, or each share of a credit split), per day. Never added into territory roll-ups:
-- the actual is in territory_daily once, whatever its reps (an OVERLAY rep shows here only).
create table rep_daily (
    metric        text           not null,
    unit          text           not null,
    rep_id        text           not null,
    business_date date           not null,
    total         numeric(30, 6) not null,
    primary key (metric, unit, rep_id, business_date)
);

-- Facts credited through the account-assignment replica, kept with their account (aggregated per day) so that
-- a change of the account's history re-credits them. territory_id: where they are credited now.
create table account_daily (
    account_id    text           not null,
    metric        text           not null,
    unit          text           not null,
    business_date date           not null,
    industry      text           not null,
    customer_type text           not null,
    product_line  text           not null,
    channel       text           not null,
    rep_named     boolean        not null,
    territory_id  text           not null,
    total         numeric(30, 6) not null,
    primary key (account_id, metric, unit, business_date, industry, customer_type, product_line, channel, rep_named)
);

-- Replicas of AccountAssignmentChanged / RepAssignmentChanged: the whole effective-dated history per key (the
-- row also serialises re-crediting an account against batches crediting it).
create table account_assignment (
    account_id  text primary key,
    history     jsonb not null default '[]',
    occurred_at timestamptz
);
create table rep_assignment (
    rep_id      text primary key,
    history     jsonb not null default '[]',
    occurred_at timestamptz
);
-- Flattened spans (effective_to exclusive, null = open) for lookups by date.
create table account_span (
    account_id     text not null,
    territory_id   text not null,
    effective_from date not null,
    effective_to   date
);
create index account_span_account on account_span (account_id);
create table rep_span (
    rep_id         text not null,
    territory_id   text not null,
    role           text not null check (role in ('PRIMARY', 'OVERLAY')),
    effective_from date not null,
    effective_to   date
);
create index rep_span_territory on rep_span (territory_id, role);
create index rep_span_rep on rep_span (rep_id);

-- Periods a planner closed: actuals dated in one are refused unless marked as an adjustment (then audited).
-- metric null: every metric.
create table closed_period (
    id           bigserial primary key,
    metric       text,
    period_start date        not null,
    period_end   date        not null,
    reason       text,
    closed_by    text        not null,
    closed_at    timestamptz not null default now()
);

-- The audit trail of adjustments accepted into closed periods.
create table adjustment_audit (
    event_id         uuid primary key,
    metric           text           not null,
    unit             text           not null,
    value            numeric(30, 6) not null,
    business_date    date           not null,
    territory_id     text,
    account_id       text,
    closed_period_id bigint         not null,
    source           text,
    recorded_at      timestamptz    not null default now()
);

-- Territory days whose figures changed and whose nodes await drift evaluation; written in the ingest
-- transaction, claimed by the drift evaluator with SKIP LOCKED (so a crash loses none and instances share).
create table touched_day (
    metric        text not null,
    territory_id  text not null,
    business_date date not null,
    primary key (metric, territory_id, business_date)
);
