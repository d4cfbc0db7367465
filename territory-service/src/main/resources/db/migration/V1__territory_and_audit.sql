-- The territory tree (销售区域). Ids are client-given and use NodeKey's alphabet.
create table territory (
    id          varchar(64)    primary key,
    parent_id   varchar(64)    references territory (id),
    type        varchar(20)    not null check (type in ('REGION', 'GEOGRAPHIC', 'INDUSTRY', 'SEGMENT', 'NAMED_ACCOUNTS')),
    name_zh     varchar(200),
    name_en     varchar(200),
    potential   numeric(20, 2) check (potential >= 0),
    status      varchar(10)    not null check (status in ('ACTIVE', 'ARCHIVED')),
    version     bigint         not null,
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null,
    created_by  varchar(100)   not null,
    updated_by  varchar(100)   not null,
    constraint territory_named check (name_zh is not null or name_en is not null),
    constraint territory_not_own_parent check (parent_id <> id)
);
create index territory_parent on territory (parent_id, status);

-- Who changed what and when, written in the same transaction as the change.
create table audit_log (
    id           bigserial    primary key,
    entity_type  varchar(40)  not null,
    entity_id    varchar(64)  not null,
    action       varchar(40)  not null,
    actor        varchar(100) not null,
    at           timestamptz  not null,
    details      jsonb        not null
);
create index audit_log_entity on audit_log (entity_id, id);
