-- The W3C traceparent of the span that wrote the row; the relay sends it as the record's traceparent header so a
-- trace runs on through Kafka. Nullable: rows written outside a span (and rows written before this) have none.
-- Numbered below the services' own V1..: existing databases apply it out of order (quarkus.flyway.out-of-order).
alter table outbox add column traceparent text;
