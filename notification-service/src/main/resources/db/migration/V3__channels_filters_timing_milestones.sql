-- Issue 7: every channel, richer filters, quiet hours and throttling, milestones, and the plan replica they check.

-- filter: a territory subtree, metrics, the least severe drift, AHEAD and milestones on/off (defaults keep what a
-- subscription made before them heard: every drift including AHEAD, no milestones)
alter table subscription add column filter_territory varchar(64);
alter table subscription add column filter_metrics text[];
alter table subscription add column min_severity varchar(16) not null default 'WARNING';
alter table subscription add column include_ahead boolean not null default true;
alter table subscription add column include_milestones boolean not null default false;
-- quiet hours in the subscription's own time zone (all three or none) and the throttle window
alter table subscription add column quiet_start time;
alter table subscription add column quiet_end time;
alter table subscription add column time_zone varchar(64);
alter table subscription add column throttle_seconds int not null default 0
    constraint throttle_bounded check (throttle_seconds between 0 and 86400);
alter table subscription add column updated_at timestamptz;
-- Slack, WeCom and email do not sign; DingTalk and Feishu only when the team enabled it
alter table subscription alter column secret drop not null;

-- what a delivery is about, for filters and for rendering digests again from their members
alter table delivery add column channel varchar(16);
alter table delivery add column plan_id varchar(64);
alter table delivery add column event_json text;
alter table delivery add column milestone smallint;
-- a MERGED delivery is carried by this digest delivery
alter table delivery add column digest_id uuid references delivery (id) on delete set null;
update delivery d set channel = s.channel from subscription s where s.id = d.subscription_id;
update delivery set plan_id = substring(payload from '"subject":"([A-Za-z0-9_.:-]{1,64})~');
create index delivery_by_channel on delivery (channel, created_at desc);
create index delivery_by_plan on delivery (plan_id, created_at desc);
create index delivery_by_digest on delivery (digest_id) where digest_id is not null;

-- the throttle window of a subscription: when it last opened, and the digest collecting what arrives inside it
create table subscription_window (
    subscription_id uuid        primary key references subscription (id) on delete cascade,
    opened_at       timestamptz,
    digest_id       uuid
);

-- plans as far as filters and messages need them (replica of quota.plans.v1; the latest version wins)
create table plan (
    plan_id     varchar(64)  primary key,
    version     int          not null,
    name        varchar(200),
    metric      varchar(32),
    occurred_at timestamptz  not null
);

-- the highest milestone told per node and plan version: each one is told once
create table node_milestone (
    node_key     varchar(1000) not null,
    plan_version int           not null,
    highest      smallint      not null,
    reached_at   timestamptz   not null,
    primary key (node_key, plan_version)
);
