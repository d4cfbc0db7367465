package io.quota.target.persistence;

import io.quota.target.domain.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Who changed which plan, how and when (table audit_log), written in the transaction of the change. */
@ApplicationScoped
public class AuditLog {
    @Inject
    Sql sql;

    public void record(AuditEntry e) {
        sql.update("insert into audit_log (at, actor, action, plan_id, version, detail) values (?, ?, ?, ?, ?, ?)",
                e.at(), e.actor(), e.action(), e.planId(), e.version(), e.detail());
    }

    /** One page of a plan's trail, oldest first. */
    public List<AuditEntry> of(String planId, int page, int size) {
        return sql.query("""
                        select at, actor, action, plan_id, version, detail from audit_log where plan_id = ?
                        order by id limit ? offset ?""",
                rs -> new AuditEntry(Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("plan_id"), (Integer) rs.getObject("version"), rs.getString("detail")),
                planId, size, (long) page * size);
    }

    public long count(String planId) {
        return sql.count("select count(*) from audit_log where plan_id = ?", planId);
    }
}
