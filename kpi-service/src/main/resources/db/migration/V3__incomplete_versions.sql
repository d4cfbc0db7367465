-- When kpi-service first heard of a plan version, and when it raised the "still incomplete" alert for it
-- (DESIGN.md section 3: a version still incomplete after a configurable time raises an alert, metric and log).
alter table plan_version add column first_seen_at timestamptz not null default now();
alter table plan_version add column incomplete_alerted_at timestamptz;
