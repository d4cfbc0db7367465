-- Ingest (issue 6): a batch adds to daily totals that mostly exist already, so almost every write is an update of
-- total (never an indexed column). With free room on the page PostgreSQL keeps the new row version on the same
-- page (a HOT update) and touches none of the table's indexes; full pages make every update insert into all of
-- them (three on territory_daily). Applies to pages written from now on.
alter table territory_daily set (fillfactor = 80);
alter table account_daily set (fillfactor = 80);
alter table rep_daily set (fillfactor = 80);
