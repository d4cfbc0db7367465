create table probe_effect (event_id uuid not null, territory_id text not null);
