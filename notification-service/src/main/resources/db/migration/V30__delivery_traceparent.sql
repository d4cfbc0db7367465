-- Issue 8 tracing: the W3C traceparent of the span that took in the event a delivery carries (for a digest: its first
-- member's), so each attempt, however much later and on whichever instance, continues that event's trace and tells
-- the receiver its trace id (the traceparent request header). Null for deliveries stored before.
alter table delivery add column traceparent varchar(128);
