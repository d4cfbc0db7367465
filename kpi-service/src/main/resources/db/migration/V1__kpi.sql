-- kpi-service read model: replicas of plans, cells and territories; actual facts and their daily totals;
-- the drift state of every evaluated node.

-- One row per plan version. A TargetAllocated may come before its PlanPublished (different topics), so the row
-- is created by whichever arrives first; the header columns stay null until PlanPublished is seen.
create table plan_version (
    plan_id      text    not null,
    version      integer not null,
    name         text,
    metric       text,
    unit         text,
    period_start date,
    period_end   date,
    time_zone    text,
    calendar     jsonb,
    drift_policy jsonb,
    cell_count   integer,
    published    boolean not null default false,
    -- cells of this version stored so far, counted in the database (never in memory)
    arrived      integer not null default 0,
    status       text    not null default 'PENDING'
        check (status in ('PENDING', 'ACTIVE', 'SUPERSEDED', 'WITHDRAWN')),
    activated_at timestamptz,
    primary key (plan_id, version)
);
-- at most one active version per plan
create unique index plan_version_one_active on plan_version (plan_id) where status = 'ACTIVE';

-- One leaf of a published plan version, with its members parsed from the node key.
create table target_cell (
    plan_id       text           not null,
    version       integer        not null,
    cell_key      text           not null,
    territory_id  text,
    industry      text,
    customer_type text,
    product_line  text,
    channel       text,
    period_start  date           not null,
    period_end    date           not null,
    amount        numeric(30, 6) not null,
    unit          text           not null,
    primary key (plan_id, version, cell_key)
);
create index target_cell_territory on target_cell (territory_id, period_start);
create index target_cell_key on target_cell (cell_key);

-- The territory tree, as far as roll-ups need it; latest TerritoryChanged wins.
create table territory (
    territory_id text primary key,
    parent_id    text,
    type         text        not null,
    status       text        not null,
    occurred_at  timestamptz not null
);
create index territory_parent on territory (parent_id);

-- Every recorded fact, kept with its dimensions; territory null = unplanned (not credited yet).
create table actual_fact (
    event_id      uuid primary key,
    metric        text           not null,
    value         numeric(30, 6) not null,
    unit          text           not null,
    business_date date           not null,
    account_id    text,
    territory_id  text,
    rep_id        text,
    industry      text,
    customer_type text,
    product_line  text,
    channel       text,
    source        text,
    reversal_of   uuid,
    occurred_at   timestamptz    not null,
    recorded_at   timestamptz    not null default now()
);
create index actual_fact_unplanned on actual_fact (business_date) where territory_id is null;

-- Pre-aggregated daily totals, changed only by the commutative upsert total = total + value.
create table daily_total (
    metric        text           not null,
    unit          text           not null,
    territory_id  text           not null,
    business_date date           not null,
    total         numeric(30, 6) not null,
    primary key (metric, unit, territory_id, business_date)
);
create index daily_total_territory on daily_total (territory_id, metric, business_date);

-- The current drift state of each evaluated node. A transition is a compare-and-set on state; seq counts
-- transitions and names their events. swept_gen is the last sweep that evaluated the node.
create table drift_state (
    node_key    text primary key,
    plan_id     text           not null,
    version     integer        not null,
    state       text           not null check (state in ('ON_TRACK', 'WARNING', 'CRITICAL', 'AHEAD')),
    pace        numeric(30, 10),
    as_of       date,
    seq         bigint         not null default 0,
    since       timestamptz    not null default now(),
    swept_gen   bigint         not null default 0
);
create index drift_state_plan on drift_state (plan_id, state);

create sequence drift_sweep_gen;
