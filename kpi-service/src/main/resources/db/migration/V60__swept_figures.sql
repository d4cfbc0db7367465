-- AttainmentChanged on time passing (issue 6): the figures a node was last evaluated with, as shown (rounded; the
-- as-of date left out), so a sweep publishes only for a node whose figures moved, not for every node every minute.
alter table drift_state add column figures text;
