-- Issue 4: every dimension, fiscal years, alert levels, version lineage and statuses, seasonality profiles,
-- bottom-up commitments.

alter table plans add column fiscal_year_start_month int  not null default 1 check (fiscal_year_start_month between 1 and 12);
alter table plans add column alert_levels            text; -- JSON array, null = the DESIGN default
alter table plans add column total_basis             text; -- how the total was reached (history x (1 + growth))

alter table plan_versions drop constraint plan_versions_status_check;
alter table plan_versions add constraint plan_versions_status_check
    check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'SUPERSEDED', 'RECALLED'));
alter table plan_versions add column based_on int;  -- the version this one was made from
alter table plan_versions add column note     text; -- why (reallocation, carry-forward, scenario)
alter table plan_versions add column revision bigint not null default 0; -- changes of this draft's cells

-- one column per dimension, so filters and roll-ups are plain SQL
alter table cells add column industry      text;
alter table cells add column customer_type text;
alter table cells add column product_line  text;
alter table cells add column channel       text;

-- Named, reusable seasonality profiles: one weight per calendar month (JSON {"JANUARY": "1.2", ...}).
create table seasonality_profiles (
    name        text        primary key,
    weights     text        not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    revision    bigint      not null default 0
);

-- Bottom-up commitments (承诺): what a rep or manager commits to per cell of a version.
create table commitments (
    plan_id       text          not null,
    version       int           not null,
    cell_key      text          not null,
    amount        numeric(20,6) not null check (amount >= 0),
    committed_by  text          not null,
    committed_at  timestamptz   not null,
    primary key (plan_id, version, cell_key),
    foreign key (plan_id, version, cell_key) references cells (plan_id, version, cell_key)
);
