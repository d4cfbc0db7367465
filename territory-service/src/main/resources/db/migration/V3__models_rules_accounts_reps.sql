-- Territory models (区域方案): versions of the boundary over the one territory tree. One is ACTIVE (its
-- assignment is what the rest of the suite sees); PLANNING copies are edited, assigned, balanced and compared, then
-- activated on an effective date; the previous ACTIVE one becomes ARCHIVED.
create table territory_model (
    id             varchar(64)   primary key,
    name           varchar(200)  not null,
    status         varchar(10)   not null check (status in ('PLANNING', 'ACTIVE', 'ARCHIVED')),
    based_on       varchar(64),
    effective_from date,
    forced_reason  varchar(1000),
    version        bigint        not null,
    created_at     timestamptz   not null,
    created_by     varchar(255)  not null,
    activated_at   timestamptz,
    activated_by   varchar(255)
);
create unique index territory_model_one_active on territory_model (status) where status = 'ACTIVE';

-- Boundary rules of leaf territories, per model; condition is the AND/OR tree of attribute tests.
create table territory_rule (
    model_id     varchar(64)  not null references territory_model (id),
    id           varchar(64)  not null,
    territory_id varchar(64)  not null references territory (id),
    priority     integer      not null check (priority between 0 and 1000000),
    condition    jsonb        not null,
    primary key (model_id, id)
);
create index territory_rule_territory on territory_rule (model_id, territory_id);

-- Accounts (客户). Their territory is derived by the rules, never typed.
create table account (
    id            varchar(64)    primary key,
    name          varchar(200)   not null,
    country       varchar(2)     not null,
    province      varchar(64),
    city          varchar(64),
    postal_code   varchar(16),
    industry      varchar(64),
    customer_type varchar(3)     not null check (customer_type in ('B2B', 'B2C')),
    potential     numeric(20, 2) not null check (potential >= 0),
    currency      varchar(3)     not null,
    workload      integer        not null check (workload >= 0),
    status        varchar(10)    not null check (status in ('ACTIVE', 'INACTIVE')),
    version       bigint         not null,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    created_by    varchar(255)   not null,
    updated_by    varchar(255)   not null
);
create index account_city on account (province, city);

-- What the rules of each model give each active account now: one territory, or a conflict (orphan / overlap).
create table account_assignment (
    model_id     varchar(64)   not null references territory_model (id),
    account_id   varchar(64)   not null references account (id),
    outcome      varchar(10)   not null check (outcome in ('ASSIGNED', 'ORPHAN', 'OVERLAP')),
    territory_id varchar(64),
    candidates   varchar(4000),
    priority     integer       not null,
    primary key (model_id, account_id)
);
create index account_assignment_territory on account_assignment (model_id, territory_id);
create index account_assignment_conflict on account_assignment (model_id, outcome) where outcome <> 'ASSIGNED';

-- The effective-dated history of each account under the ACTIVE models over time (what AccountAssignmentChanged
-- carries): a JSON array of {territoryId, from, to}.
create table account_history (
    account_id varchar(64) primary key references account (id),
    spans      jsonb       not null
);

-- Reps (销售代表) and their assignments; assignment rows are never updated except to end an open one.
create table rep (
    id         varchar(64)  primary key,
    name_zh    varchar(200),
    name_en    varchar(200),
    capacity   integer      not null check (capacity >= 0),
    status     varchar(10)  not null check (status in ('ACTIVE', 'INACTIVE')),
    version    bigint       not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    created_by varchar(255) not null,
    updated_by varchar(255) not null,
    constraint rep_named check (name_zh is not null or name_en is not null)
);

create table rep_assignment (
    id             bigserial    primary key,
    rep_id         varchar(64)  not null references rep (id),
    territory_id   varchar(64)  not null references territory (id),
    role           varchar(10)  not null check (role in ('PRIMARY', 'OVERLAY')),
    effective_from date         not null,
    effective_to   date,
    cover_for      varchar(64)  references rep (id),
    note           varchar(500),
    created_at     timestamptz  not null,
    created_by     varchar(255) not null
);
create index rep_assignment_territory on rep_assignment (territory_id);
create index rep_assignment_rep on rep_assignment (rep_id);

-- Balancing proposals (区域平衡方案): computed on a PLANNING model, applied to it.
create table balancing_proposal (
    id            varchar(64)  primary key,
    region_id     varchar(64)  not null references territory (id),
    model_id      varchar(64)  not null references territory_model (id),
    model_version bigint       not null,
    status        varchar(10)  not null check (status in ('PROPOSED', 'APPLIED')),
    body          jsonb        not null,
    created_at    timestamptz  not null,
    created_by    varchar(255) not null,
    applied_at    timestamptz,
    applied_by    varchar(255)
);
