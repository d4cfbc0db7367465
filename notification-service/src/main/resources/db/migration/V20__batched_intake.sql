-- Issue 7 performance: drift events are taken in batches and matched against an in-memory index of the
-- subscriptions. The index is reloaded when this revision moves; every instance checks it once per batch, so a
-- subscription made, changed or ended through any instance is seen by all of them from their next batch on.
create table subscription_revision (
    id       smallint primary key check (id = 1),
    revision bigint   not null
);
insert into subscription_revision (id, revision) values (1, 0);

create function bump_subscription_revision() returns trigger language plpgsql as $$
begin
    update subscription_revision set revision = revision + 1 where id = 1;
    return null;
end
$$;

create trigger subscription_changed after insert or update or delete or truncate on subscription
    for each statement execute function bump_subscription_revision();

-- when the event a delivery carries happened (for a digest: its first member's), so the dispatcher can measure
-- event-to-delivery latency (quota_delivery_latency_seconds) without reading the stored event
alter table delivery add column event_occurred_at timestamptz;
