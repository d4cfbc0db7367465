-- The "history x (1 + growth)" a plan's total came from (JSON {from, to, growth}), so the definition can be shown
-- and exported as the planner gave it, not only as text (total_basis).
alter table plans add column total_from_history text;
