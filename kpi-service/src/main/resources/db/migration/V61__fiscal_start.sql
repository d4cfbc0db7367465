-- The month a plan's fiscal year starts in, from PlanPublished.fiscalYearStartMonth (issue 6). Null: an older
-- producer's plan; its fiscal forms (FY2027, FY2027-Q1) start in the month its period starts and its quarter and
-- year grains are calendar ones, as before.
alter table plan_version add column fiscal_start_month smallint check (fiscal_start_month between 1 and 12);
