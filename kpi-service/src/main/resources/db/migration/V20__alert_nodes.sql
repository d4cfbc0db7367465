-- Drift and AttainmentChanged at the plan's alert levels (issue 6): the nodes of each active version at each of
-- its levels (cell, territory x month, region x quarter by default), grouped from its cells once when it becomes
-- active, so evaluation and sweeps read nodes instead of re-grouping cells.
alter table plan_version add column alert_levels jsonb;

create table alert_node (
    node_key      text    not null primary key,
    plan_id       text    not null,
    version       integer not null,
    level         text    not null,
    territory_id  text,
    industry      text,
    customer_type text,
    product_line  text,
    channel       text,
    period_start  date    not null,
    period_end    date    not null,
    -- a cell's own amount (its figures need no grouping); null for a roll-up
    amount        numeric(30, 6)
);
create index alert_node_version on alert_node (plan_id, version);
create index alert_node_territory on alert_node (territory_id, period_start);

-- AttainmentChanged coalescing: at most one per node per second. attainment_at: when the last one was written to
-- the outbox; attainment_due: figures changed since, to be published once the second has passed.
alter table drift_state add column attainment_seq bigint not null default 0;
alter table drift_state add column attainment_at timestamptz;
alter table drift_state add column attainment_due boolean not null default false;
create index drift_state_attainment_due on drift_state (attainment_at) where attainment_due;

-- Bumped whenever figures may have changed (actuals evaluated, a version activated or withdrawn, the territory
-- tree changed): every instance's cache of attainment answers is valid for one generation.
create table read_generation (
    id         integer primary key check (id = 1),
    generation bigint not null
);
insert into read_generation values (1, 0);
