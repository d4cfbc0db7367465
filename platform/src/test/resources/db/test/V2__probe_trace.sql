-- the trace the probe consumer ran in, so a test can follow a trace through Kafka
alter table probe_effect add column trace_id text;
