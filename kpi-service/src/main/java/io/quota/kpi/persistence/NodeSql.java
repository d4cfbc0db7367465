package io.quota.kpi.persistence;

import io.quota.contracts.Dimension;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a node's selection, one home for cells and actuals: which territories (a subtree, the territories a
 * plan version's cells name with their subtrees, or every one) and which members of the other dimensions.
 */
public final class NodeSql {
    private static final Map<Dimension, String> COLUMNS = Map.of(Dimension.INDUSTRY, "industry",
            Dimension.CUSTOMER_TYPE, "customer_type", Dimension.PRODUCT_LINE, "product_line",
            Dimension.CHANNEL, "channel");

    /** The territories a node counts: a subtree, a plan version's cell territories' subtrees, or all of them. */
    public record Territories(String subtreeOf, String planId, int version, Collection<String> scopeRoots, boolean all) {
        /** A subtree as far as it lies in a caller's scope (scopeRoots null: all of it). */
        public static Territories subtree(String territoryId, Collection<String> scopeRoots) {
            return new Territories(territoryId, null, 0, scopeRoots, false);
        }

        /** The subtrees of the territories a version's cells name; scopeRoots (not null) keeps those in scope. */
        public static Territories ofPlanCells(String planId, int version, Collection<String> scopeRoots) {
            return new Territories(null, planId, version, scopeRoots, false);
        }

        public static Territories every() {
            return new Territories(null, null, 0, null, true);
        }

        /** {@code with recursive ...} defining sel(id), or "" for every territory; adds its parameters. */
        String cte(List<Object> params) {
            if (all) {
                return "";
            }
            String scope = "";
            String inScope = "";
            if (scopeRoots != null) {
                params.add(ScopeSql.roots(scopeRoots));
                scope = ScopeSql.CTE + ", ";
                inScope = " and territory_id in (select id from scope)";
            }
            if (subtreeOf != null) {
                params.add(subtreeOf);
                return "with recursive " + scope + "sub(id) as (select cast(? as text) union "
                        + "select t.territory_id from territory t join sub on t.parent_id = sub.id), "
                        + "sel(id) as (select id from sub where true" + inScope.replace("territory_id", "id") + ") ";
            }
            params.add(planId);
            params.add(version);
            return "with recursive " + scope + "sel(id) as (select distinct territory_id from target_cell "
                    + "where plan_id = ? and version = ? and territory_id is not null" + inScope
                    + " union select t.territory_id from territory t join sel on t.parent_id = sel.id) ";
        }

        /** The condition on a territory column, matching {@link #cte}. */
        String condition(String column) {
            return all ? "" : " and " + column + " in (select id from sel)";
        }
    }

    /** " and alias.column = ?" for each member other than the territory; adds the parameters. */
    static String others(String alias, Map<Dimension, String> members, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        members.forEach((d, member) -> {
            String column = COLUMNS.get(d);
            if (column != null) {
                sql.append(" and ").append(alias).append('.').append(column).append(" = ?");
                params.add(member);
            }
        });
        return sql.toString();
    }

    static String column(Dimension d) {
        return COLUMNS.get(d);
    }

    private NodeSql() {
    }
}
