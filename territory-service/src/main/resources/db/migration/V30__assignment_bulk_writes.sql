-- A model's assignment is written a million rows at a time (1M accounts over 2,000 territories in under 20 s,
-- issue 5). A foreign-key check per written row is a query per row, and it locks the referenced row (FOR KEY
-- SHARE writes its tuple header), so writing an assignment rewrote every account page as well. The rows are only
-- ever derived from accounts read in the same transaction for a model that transaction holds, and neither accounts
-- (they become INACTIVE) nor models (they become ARCHIVED) are ever deleted, so the checks guard nothing the
-- service can break.
alter table account_assignment drop constraint if exists account_assignment_account_id_fkey;
alter table account_assignment drop constraint if exists account_assignment_model_id_fkey;
alter table account_history drop constraint if exists account_history_account_id_fkey;

-- AccountAssignmentChanged goes out through one outbox expansion row per change set (AccountChangesExpander):
-- each history row names the change set that last rewrote it and, when the rules give the account no territory
-- from that change on, why (ORPHAN or OVERLAP with the tied candidates).
alter table account_history add column change_id uuid;
alter table account_history add column conflict jsonb;
