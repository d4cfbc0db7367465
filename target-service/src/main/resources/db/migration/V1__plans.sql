-- target-service: plans, their versions and cells, the territory replica, idempotency keys and the audit trail.
-- Amounts are numeric(20,6): 14 integer digits, exact (never floating point).

create table plans (
    id            text          primary key,
    name          text          not null,
    task_type     text          not null,
    metric        text          not null,
    unit          text          not null,
    period_start  date          not null,
    period_end    date          not null,
    time_zone     text          not null,
    total         numeric(20,6) not null check (total >= 0),
    calendar      text          not null, -- JSON (contracts WorkCalendar)
    drift_policy  text          not null, -- JSON (contracts DriftPolicy)
    levels        text          not null, -- JSON, the levels as resolved at creation
    created_at    timestamptz   not null,
    created_by    text          not null,
    revision      bigint        not null default 0, -- ETag; bumped by every change of the plan or its versions
    check (period_end >= period_start)
);

create table plan_versions (
    plan_id       text          not null references plans (id),
    version       int           not null check (version >= 1),
    status        text          not null check (status in ('DRAFT', 'SUBMITTED', 'APPROVED')),
    cell_count    int           not null,
    total         numeric(20,6) not null,
    created_at    timestamptz   not null,
    created_by    text          not null,
    submitted_at  timestamptz,
    submitted_by  text,
    approved_at   timestamptz,
    approved_by   text,
    primary key (plan_id, version)
);

create table cells (
    plan_id       text          not null,
    version       int           not null,
    cell_key      text          not null, -- contracts NodeKey.encode()
    territory     text,                   -- null when the plan has no TERRITORY level
    period_start  date          not null,
    period_end    date          not null,
    amount        numeric(20,6) not null,
    primary key (plan_id, version, cell_key),
    foreign key (plan_id, version) references plan_versions (plan_id, version)
);
create index cells_by_territory on cells (plan_id, version, territory, cell_key);

-- Replica of quota.territories.v1: the latest state per territory.
create table territories (
    territory_id    text          primary key,
    parent_id       text,
    type            text          not null,
    status          text          not null,
    potential       numeric(24,6),
    name_zh         text,
    name_en         text,
    model_id        text,
    effective_from  date,
    effective_to    date,
    changed_at      timestamptz   not null, -- occurredAt of the event that wrote this state
    event_id        uuid          not null
);
create index territories_carrying on territories (status, type);

-- Idempotency-Key of POST /api/plans: a repeat returns the plan the first request created.
create table idempotency_keys (
    idempotency_key text          primary key,
    request_hash    text          not null,
    plan_id         text          not null,
    created_at      timestamptz   not null default now()
);

-- Who changed what, when.
create table audit_log (
    id            bigserial     primary key,
    at            timestamptz   not null,
    actor         text          not null,
    action        text          not null,
    plan_id       text          not null,
    version       int,
    detail        text
);
create index audit_log_by_plan on audit_log (plan_id, id);
