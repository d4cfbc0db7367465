package io.quota.territory.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quota.territory.domain.Territory;
import io.quota.territory.domain.TerritoryId;
import io.quota.territory.domain.TerritoryStatus;
import io.quota.territory.domain.TerritoryTree;
import io.quota.territory.domain.TerritoryType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Territories in PostgreSQL; also the {@link TerritoryTree} the domain rules ask about the rest of the tree. */
@ApplicationScoped
public class TerritoryRepository implements PanacheRepositoryBase<TerritoryEntity, String>, TerritoryTree {

    /** A territory with its distance from the root of a subtree. */
    public record Placed(int depth, TerritoryEntity territory) {
    }

    /**
     * Tree-shape rules (no cycle, no active child under an archived region) read several rows; writers of the
     * tree take turns so two concurrent moves cannot each pass them and together break them. Readers never wait.
     */
    public void lockTreeForWriting() {
        getEntityManager().createNativeQuery("lock table territory in share row exclusive mode").executeUpdate();
    }

    @Override
    public Optional<Territory> find(TerritoryId id) {
        return findByIdOptional(id.value()).map(TerritoryEntity::toDomain);
    }

    @Override
    public boolean hasChildren(TerritoryId id) {
        return count("parentId", id.value()) > 0;
    }

    @Override
    public boolean hasActiveChildren(TerritoryId id) {
        return count("parentId = ?1 and status = ?2", id.value(), TerritoryStatus.ACTIVE) > 0;
    }

    /**
     * One page of territories matching the filters that are set, in id order; {@code scopeRoots} null means every
     * territory, otherwise only those in the subtrees of these roots (none if it is empty).
     */
    public List<TerritoryEntity> pageMatching(String parentId, TerritoryType type, TerritoryStatus status,
                                              Collection<String> scopeRoots, int page, int size) {
        if (scopeRoots == null) {
            Filter f = filter(parentId, type, status);
            return find(f.query(), Sort.by("id"), f.params()).page(Page.of(page, size)).list();
        }
        Query q = scoped("select t.* from territory t where " + nativeFilter(parentId, type, status)
                + " order by t.id limit :limit offset :offset", TerritoryEntity.class, scopeRoots, parentId, type, status);
        q.setParameter("limit", size).setParameter("offset", (long) page * size);
        @SuppressWarnings("unchecked")
        List<TerritoryEntity> rows = q.getResultList();
        return rows;
    }

    public long countMatching(String parentId, TerritoryType type, TerritoryStatus status, Collection<String> scopeRoots) {
        if (scopeRoots == null) {
            Filter f = filter(parentId, type, status);
            return count(f.query(), f.params());
        }
        return ((Number) scoped("select count(*) from territory t where " + nativeFilter(parentId, type, status),
                null, scopeRoots, parentId, type, status).getSingleResult()).longValue();
    }

    /** The territory, its parent, grandparent... up to its root; empty if it does not exist. */
    public List<String> ancestorsAndSelf(String id) {
        @SuppressWarnings("unchecked")
        List<String> ids = getEntityManager().createNativeQuery("""
                        with recursive up (id, parent_id, depth) as (
                            select id, parent_id, 0 from territory where id = ?1
                            union all
                            select t.id, t.parent_id, u.depth + 1 from territory t join up u on t.id = u.parent_id
                            where u.depth < 10000
                        )
                        select id from up order by depth""")
                .setParameter(1, id).getResultList();
        return ids;
    }

    /** The territory and every descendant, depth first with siblings in id order; empty if it does not exist. */
    public List<Placed> subtree(String rootId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        with recursive sub (id, depth, path) as (
                            select id, 0, array[id::text] from territory where id = ?1
                            union all
                            select t.id, s.depth + 1, s.path || t.id::text
                            from territory t join sub s on t.parent_id = s.id
                            where not t.id = any (s.path)
                        )
                        select id, depth from sub order by path""")
                .setParameter(1, rootId).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        Map<String, TerritoryEntity> byId = list("id in ?1", ids).stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        List<Placed> placed = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            placed.add(new Placed(((Number) row[1]).intValue(), byId.get((String) row[0])));
        }
        return placed;
    }

    private record Filter(String query, Parameters params) {
    }

    /** The filters over {@code territory t}, inside the caller's {@code scope}. */
    private static String nativeFilter(String parentId, TerritoryType type, TerritoryStatus status) {
        List<String> clauses = new ArrayList<>();
        clauses.add("t.id in (select id from scope)");
        if (parentId != null) {
            clauses.add("t.parent_id = :parentId");
        }
        if (type != null) {
            clauses.add("t.type = :type");
        }
        if (status != null) {
            clauses.add("t.status = :status");
        }
        return String.join(" and ", clauses);
    }

    private Query scoped(String select, Class<?> entity, Collection<String> scopeRoots, String parentId,
                         TerritoryType type, TerritoryStatus status) {
        String sql = ScopeSql.CTE + select;
        Query q = entity == null ? getEntityManager().createNativeQuery(sql)
                : getEntityManager().createNativeQuery(sql, entity);
        q.setParameter("scopeRoots", ScopeSql.roots(scopeRoots));
        if (parentId != null) {
            q.setParameter("parentId", parentId);
        }
        if (type != null) {
            q.setParameter("type", type.name());
        }
        if (status != null) {
            q.setParameter("status", status.name());
        }
        return q;
    }

    private static Filter filter(String parentId, TerritoryType type, TerritoryStatus status) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (parentId != null) {
            clauses.add("parentId = :parentId");
            params.and("parentId", parentId);
        }
        if (type != null) {
            clauses.add("type = :type");
            params.and("type", type);
        }
        if (status != null) {
            clauses.add("status = :status");
            params.and("status", status);
        }
        return new Filter(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), params);
    }
}
