-- Security (DESIGN section 6): who owns a subscription, which territories it may hear about, and where each
-- delivery's node lies, so reads and webhooks stay inside the caller's territory scope.

-- the token subject of whoever created it; a rep sees and manages only its own (null: created before owners)
alter table subscription add column owner varchar(255);
-- null: every node (an unrestricted creator); otherwise the roots of the creator's territory subtrees, an empty
-- array covering nothing territory-bound
alter table subscription add column scope_territories text[];
create index subscription_owner on subscription (owner, created_at desc);

-- the territory member of the delivered node; null for a node that names no territory (a roll-up)
alter table delivery add column territory_id varchar(64);
update delivery
   set territory_id = substring(payload from '"subject":"[^"~]*~territory=([A-Za-z0-9_.:-]{1,64})[~"]');
create index delivery_territory on delivery (territory_id, created_at desc);

-- The territory tree as far as scoping needs it (replica of quota.territories.v1; the latest change wins).
create table territory (
    territory_id text        primary key,
    parent_id    text,
    occurred_at  timestamptz not null
);
create index territory_parent on territory (parent_id);
