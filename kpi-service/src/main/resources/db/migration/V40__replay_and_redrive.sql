-- Replay (issue 8, DESIGN.md section 5): the read model rebuilt from quota.actuals.v1. One row per replay; at
-- most one runs at a time. Every instance's consumers read it: a partition whose committed offset was written
-- under an older generation is read again from the beginning.
create table replay (
    generation   bigint primary key,
    status       text        not null check (status in ('RUNNING', 'DONE')),
    requested_by text        not null,
    reason       text        not null,
    requested_at timestamptz not null default now(),
    finished_at  timestamptz
);
create unique index replay_one_running on replay ((true)) where status = 'RUNNING';

-- How far each partition of quota.actuals.v1 has been decided (counted or dead-lettered), written after each batch:
-- a replay recounts the records before this point and decides those after it as any live record.
create table ingest_position (
    kafka_partition int primary key,
    next_offset     bigint not null
);

-- Per partition of quota.actuals.v1: where decided records ended when the replay began (end_offset: records before
-- it are recounted) and how far the replay got; the replay is done when every partition reached its end.
create table replay_partition (
    generation      bigint not null references replay,
    kafka_partition int    not null,
    end_offset      bigint not null,
    replayed_to     bigint not null default 0,
    primary key (generation, kafka_partition)
);

-- Records of the log that were dead-lettered before the replay began (read from quota.actuals.v1.dlq): the replay
-- skips them rather than deciding again with today's closed periods and plans.
create table replay_skip (
    generation      bigint not null references replay,
    kafka_partition int    not null,
    kafka_offset    bigint not null,
    primary key (generation, kafka_partition, kafka_offset)
);

-- Dead letters re-driven to their topic, by the letter's first place in its .dlq (a letter re-driven, refused
-- again and dead-lettered again keeps that origin), so each is re-driven once.
create table redriven_letter (
    dlq_topic     text        not null,
    dlq_partition int         not null,
    dlq_offset    bigint      not null,
    topic         text        not null,
    redriven_by   text        not null,
    reason        text        not null,
    redriven_at   timestamptz not null default now(),
    primary key (dlq_topic, dlq_partition, dlq_offset)
);
