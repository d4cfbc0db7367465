package io.quota.kpi.persistence;

import io.quota.contracts.events.TerritoryChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class TerritoryRepository {
    @Inject
    Db db;

    /** Keeps the latest state of the territory: an older change arriving late does not overwrite a newer one. */
    public void upsert(TerritoryChanged t) {
        db.update("""
                        insert into territory (territory_id, parent_id, type, status, occurred_at) values (?, ?, ?, ?, ?)
                        on conflict (territory_id) do update set parent_id = excluded.parent_id, type = excluded.type,
                            status = excluded.status, occurred_at = excluded.occurred_at
                        where territory.occurred_at <= excluded.occurred_at""",
                t.territoryId(), t.parentId(), t.type(), t.status(), t.occurredAt());
    }
}
