package io.quota.kpi.persistence;

import io.quota.contracts.EventJson;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.kpi.domain.Assignments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Replicas of account and rep assignment histories, and the re-crediting of an account's facts. */
@ApplicationScoped
public class AssignmentRepository {
    @Inject
    Db db;

    /**
     * Locks the account's row (creating it) and tells whether the change is newer than the stored one: histories
     * are whole, so the latest wins and an older one arriving late changes nothing.
     */
    public boolean lockAccountIfNewer(String accountId, Instant occurredAt) {
        db.update("insert into account_assignment (account_id) values (?) on conflict do nothing", accountId);
        return db.one("select occurred_at is null or occurred_at <= ? from account_assignment where account_id = ? for update",
                rs -> rs.getBoolean(1), occurredAt, accountId).orElse(true);
    }

    public void replaceAccountHistory(AccountAssignmentChanged a) {
        db.update("update account_assignment set history = cast(? as jsonb), occurred_at = ? where account_id = ?",
                EventJson.write(a.history()), a.occurredAt(), a.accountId());
        db.update("delete from account_span where account_id = ?", a.accountId());
        for (AccountAssignmentChanged.Span s : a.history()) {
            db.update("insert into account_span (account_id, territory_id, effective_from, effective_to) values (?, ?, ?, ?)",
                    a.accountId(), s.territoryId(), s.effectiveFrom(), s.effectiveTo());
        }
    }

    public boolean replaceRepHistory(RepAssignmentChanged r) {
        db.update("insert into rep_assignment (rep_id) values (?) on conflict do nothing", r.repId());
        boolean newer = db.one("select occurred_at is null or occurred_at <= ? from rep_assignment where rep_id = ? for update",
                rs -> rs.getBoolean(1), r.occurredAt(), r.repId()).orElse(true);
        if (!newer) {
            return false;
        }
        db.update("update rep_assignment set history = cast(? as jsonb), occurred_at = ? where rep_id = ?",
                EventJson.write(r.history()), r.occurredAt(), r.repId());
        db.update("delete from rep_span where rep_id = ?", r.repId());
        for (RepAssignmentChanged.Span s : r.history()) {
            db.update("insert into rep_span (rep_id, territory_id, role, effective_from, effective_to) values (?, ?, ?, ?, ?)",
                    r.repId(), s.territoryId(), s.role(), s.effectiveFrom(), s.effectiveTo());
        }
        return true;
    }

    /** The account's facts as credited now (one row per aggregated day and members). */
    public List<AccountFacts> facts(String accountId) {
        return db.list("""
                        select metric, unit, business_date, industry, customer_type, product_line, channel, rep_named,
                               territory_id, total
                        from account_daily where account_id = ?""", AssignmentRepository::facts, accountId);
    }

    /** Moves one aggregated row of an account's facts to another territory (both totals change commutatively). */
    public void recredit(String accountId, AccountFacts f, String newTerritory) {
        String move = """
                insert into territory_daily (metric, unit, territory_id, business_date, industry, customer_type,
                                             product_line, channel, rep_named, total)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (metric, unit, territory_id, business_date, industry, customer_type, product_line, channel,
                             rep_named)
                do update set total = territory_daily.total + excluded.total""";
        db.update(move, f.metric(), f.unit(), f.territoryId(), f.date(), f.industry(), f.customerType(),
                f.productLine(), f.channel(), f.repNamed(), f.total().negate());
        db.update(move, f.metric(), f.unit(), newTerritory, f.date(), f.industry(), f.customerType(),
                f.productLine(), f.channel(), f.repNamed(), f.total());
        db.update("""
                        update account_daily set territory_id = ?
                        where account_id = ? and metric = ? and unit = ? and business_date = ? and industry = ?
                          and customer_type = ? and product_line = ? and channel = ? and rep_named = ?""",
                newTerritory, accountId, f.metric(), f.unit(), f.date(), f.industry(), f.customerType(),
                f.productLine(), f.channel(), f.repNamed());
    }

    /** Aggregated facts of one account for one day and set of members. */
    public record AccountFacts(String metric, String unit, LocalDate date, String industry, String customerType,
                               String productLine, String channel, boolean repNamed, String territoryId,
                               BigDecimal total) {
    }

    private static AccountFacts facts(ResultSet rs) throws SQLException {
        return new AccountFacts(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                rs.getBigDecimal(10));
    }

    /** The PRIMARY holder of the territory on the day, if any (the rep credited when an actual names none). */
    public static String primaryRepSql() {
        return """
                select r.rep_id from rep_span r where r.territory_id = ? and r.role = 'PRIMARY'
                  and r.effective_from <= ? and (r.effective_to is null or r.effective_to > ?)
                order by r.effective_from desc, r.rep_id limit 1""";
    }

    static Assignments.Span span(ResultSet rs) throws SQLException {
        return new Assignments.Span(rs.getString(1), null, rs.getObject(2, LocalDate.class),
                rs.getObject(3, LocalDate.class));
    }
}
