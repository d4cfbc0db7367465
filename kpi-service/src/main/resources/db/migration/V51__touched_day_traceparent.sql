-- Tracing (issue 8): a drift mark carries the W3C traceparent of the last actual that touched its day (null when
-- none had one), so the drift evaluation it leads to continues the trace of the actual that moved the figures.
alter table touched_day add column traceparent text;
