-- The live drift path looks up, per touched territory, the alert nodes of it and its ancestors, and those with no
-- territory member at all (a plan without a territory dimension): the latter get their own small index.
create index alert_node_no_territory on alert_node (plan_id, version) where territory_id is null;
