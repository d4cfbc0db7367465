package io.quota.kpi.persistence;

import io.quota.kpi.domain.Assignments;
import io.quota.kpi.domain.BatchTotals;
import io.quota.kpi.domain.BatchTotals.AccountDay;
import io.quota.kpi.domain.BatchTotals.Members;
import io.quota.kpi.domain.BatchTotals.RepDay;
import io.quota.kpi.domain.BatchTotals.TerritoryDay;
import io.quota.kpi.domain.BatchTotals.Touched;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of one ingested batch, each a single statement over arrays (unnest): the processed ids, then one
 * commutative upsert per aggregate table. Keys are written in a fixed order so that concurrent batches touching
 * the same keys queue rather than deadlock.
 */
@ApplicationScoped
public class IngestRepository {
    // The lock order of the keys: any total order shared by every batch. Compared field by field: a record's
    // toString (a String.format per call) as the sort key once took most of a batch's time.
    private static final Comparator<Members> MEMBERS = Comparator.comparing(Members::industry)
            .thenComparing(Members::customerType).thenComparing(Members::productLine).thenComparing(Members::channel);
    private static final Comparator<TerritoryDay> TERRITORY_DAY = Comparator.comparing(TerritoryDay::territoryId)
            .thenComparing(TerritoryDay::date).thenComparing(TerritoryDay::metric).thenComparing(TerritoryDay::unit)
            .thenComparing(TerritoryDay::members, MEMBERS).thenComparing(TerritoryDay::repNamed);
    private static final Comparator<RepDay> REP_DAY = Comparator.comparing(RepDay::repId).thenComparing(RepDay::date)
            .thenComparing(RepDay::metric).thenComparing(RepDay::unit);
    private static final Comparator<AccountDay> ACCOUNT_DAY = Comparator.comparing(AccountDay::accountId)
            .thenComparing(AccountDay::date).thenComparing(AccountDay::metric).thenComparing(AccountDay::unit)
            .thenComparing(AccountDay::members, MEMBERS).thenComparing(AccountDay::repNamed);
    private static final Comparator<Touched> TOUCHED = Comparator.comparing(Touched::territoryId)
            .thenComparing(Touched::date).thenComparing(Touched::metric);

    @Inject
    Db db;

    /** Records the ids in the deduplication window; returns those seen for the first time. */
    public Set<UUID> firstSeen(List<UUID> ids, List<LocalDate> occurredDays) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.list("""
                        insert into processed_actual (event_id, occurred_day)
                        select * from unnest(cast(? as uuid[]), cast(? as date[]))
                        on conflict do nothing returning event_id""",
                rs -> rs.getObject(1, UUID.class), Db.column(ids), Db.column(occurredDays)));
    }

    /** Which of the ids were counted already (any day of the window). */
    public Set<UUID> alreadyProcessed(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.list("select event_id from processed_actual where event_id = any (cast(? as uuid[]))",
                rs -> rs.getObject(1, UUID.class), (Object) Db.column(ids)));
    }

    public void addTerritoryTotals(Map<TerritoryDay, BigDecimal> totals) {
        if (totals.isEmpty()) {
            return;
        }
        List<Map.Entry<TerritoryDay, BigDecimal>> rows = sorted(totals, TERRITORY_DAY);
        List<Object> metric = new ArrayList<>(), unit = new ArrayList<>(), territory = new ArrayList<>(),
                date = new ArrayList<>(), industry = new ArrayList<>(), customerType = new ArrayList<>(),
                productLine = new ArrayList<>(), channel = new ArrayList<>(), repNamed = new ArrayList<>(),
                total = new ArrayList<>();
        for (var e : rows) {
            TerritoryDay k = e.getKey();
            metric.add(k.metric());
            unit.add(k.unit());
            territory.add(k.territoryId());
            date.add(k.date());
            industry.add(k.members().industry());
            customerType.add(k.members().customerType());
            productLine.add(k.members().productLine());
            channel.add(k.members().channel());
            repNamed.add(k.repNamed());
            total.add(e.getValue());
        }
        db.update("""
                        insert into territory_daily (metric, unit, territory_id, business_date, industry, customer_type,
                                                     product_line, channel, rep_named, total)
                        select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as date[]),
                                             cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                             cast(? as boolean[]), cast(? as numeric[]))
                        on conflict (metric, unit, territory_id, business_date, industry, customer_type, product_line,
                                     channel, rep_named)
                        do update set total = territory_daily.total + excluded.total""",
                Db.column(metric), Db.column(unit), Db.column(territory), Db.column(date), Db.column(industry),
                Db.column(customerType), Db.column(productLine), Db.column(channel), Db.column(repNamed),
                Db.column(total));
    }

    public void addRepTotals(Map<RepDay, BigDecimal> totals) {
        if (totals.isEmpty()) {
            return;
        }
        List<Object> metric = new ArrayList<>(), unit = new ArrayList<>(), rep = new ArrayList<>(),
                date = new ArrayList<>(), total = new ArrayList<>();
        for (var e : sorted(totals, REP_DAY)) {
            metric.add(e.getKey().metric());
            unit.add(e.getKey().unit());
            rep.add(e.getKey().repId());
            date.add(e.getKey().date());
            total.add(e.getValue());
        }
        db.update("""
                        insert into rep_daily (metric, unit, rep_id, business_date, total)
                        select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as date[]),
                                             cast(? as numeric[]))
                        on conflict (metric, unit, rep_id, business_date)
                        do update set total = rep_daily.total + excluded.total""",
                Db.column(metric), Db.column(unit), Db.column(rep), Db.column(date), Db.column(total));
    }

    public void addAccountTotals(Map<AccountDay, BigDecimal> totals) {
        if (totals.isEmpty()) {
            return;
        }
        List<Object> account = new ArrayList<>(), metric = new ArrayList<>(), unit = new ArrayList<>(),
                date = new ArrayList<>(), industry = new ArrayList<>(), customerType = new ArrayList<>(),
                productLine = new ArrayList<>(), channel = new ArrayList<>(), repNamed = new ArrayList<>(),
                territory = new ArrayList<>(), total = new ArrayList<>();
        for (var e : sorted(totals, ACCOUNT_DAY)) {
            AccountDay k = e.getKey();
            account.add(k.accountId());
            metric.add(k.metric());
            unit.add(k.unit());
            date.add(k.date());
            industry.add(k.members().industry());
            customerType.add(k.members().customerType());
            productLine.add(k.members().productLine());
            channel.add(k.members().channel());
            repNamed.add(k.repNamed());
            territory.add(k.territoryId());
            total.add(e.getValue());
        }
        // the account's row is locked by this transaction (lockAccounts), so its crediting cannot change under us
        db.update("""
                        insert into account_daily (account_id, metric, unit, business_date, industry, customer_type,
                                                   product_line, channel, rep_named, territory_id, total)
                        select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as date[]),
                                             cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                             cast(? as boolean[]), cast(? as text[]), cast(? as numeric[]))
                        on conflict (account_id, metric, unit, business_date, industry, customer_type, product_line,
                                     channel, rep_named)
                        do update set total = account_daily.total + excluded.total""",
                Db.column(account), Db.column(metric), Db.column(unit), Db.column(date), Db.column(industry),
                Db.column(customerType), Db.column(productLine), Db.column(channel), Db.column(repNamed),
                Db.column(territory), Db.column(total));
    }

    /**
     * Marks territory days for drift evaluation (the evaluator claims and deletes them). A day marked already and not
     * yet claimed takes the newer trace context; a mark without one keeps the trace it had.
     */
    public void markTouched(Collection<Touched> touched) {
        if (touched.isEmpty()) {
            return;
        }
        List<Touched> rows = touched.stream().sorted(TOUCHED).toList();
        db.update("""
                        insert into touched_day (metric, territory_id, business_date, traceparent)
                        select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as date[]), cast(? as text[]))
                        on conflict (metric, territory_id, business_date)
                        do update set traceparent = coalesce(excluded.traceparent, touched_day.traceparent)""",
                Db.column(rows.stream().map(Touched::metric).toList()),
                Db.column(rows.stream().map(Touched::territoryId).toList()),
                Db.column(rows.stream().map(Touched::date).toList()),
                Db.column(rows.stream().map(Touched::traceparent).toList()));
    }

    /**
     * Locks the accounts' assignment rows (creating empty ones for accounts not known yet) for this transaction,
     * and returns their histories: a re-crediting of an account waits for this batch, and this batch sees the
     * history that re-crediting wrote.
     */
    public Map<String, List<Assignments.Span>> lockAccounts(Collection<String> accountIds) {
        Map<String, List<Assignments.Span>> histories = new HashMap<>();
        if (accountIds.isEmpty()) {
            return histories;
        }
        String[] ids = accountIds.stream().sorted().toArray(String[]::new);
        db.update("insert into account_assignment (account_id) select unnest(cast(? as text[])) on conflict do nothing",
                (Object) ids);
        db.list("select account_id from account_assignment where account_id = any (cast(? as text[])) "
                + "order by account_id for share", rs -> rs.getString(1), (Object) ids)
                .forEach(id -> histories.put(id, new ArrayList<>()));
        db.list("""
                        select account_id, territory_id, effective_from, effective_to from account_span
                        where account_id = any (cast(? as text[]))""",
                rs -> {
                    histories.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Assignments.Span(
                            rs.getString(2), null, rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
                    return 1;
                }, (Object) ids);
        return histories;
    }

    public void recordAdjustments(List<AdjustmentRow> rows) {
        for (AdjustmentRow r : rows) {
            db.update("""
                            insert into adjustment_audit (event_id, metric, unit, value, business_date, territory_id,
                                                          account_id, closed_period_id, source)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    r.eventId(), r.metric(), r.unit(), r.value(), r.businessDate(), r.territoryId(), r.accountId(),
                    r.closedPeriodId(), r.source());
        }
    }

    /** One adjustment accepted into a closed period. */
    public record AdjustmentRow(UUID eventId, String metric, String unit, BigDecimal value, LocalDate businessDate,
                                String territoryId, String accountId, long closedPeriodId, String source) {
    }

    private static <K> List<Map.Entry<K, BigDecimal>> sorted(Map<K, BigDecimal> totals, Comparator<K> order) {
        List<Map.Entry<K, BigDecimal>> rows = new ArrayList<>(totals.entrySet());
        rows.sort(Map.Entry.comparingByKey(order));
        return rows;
    }
}
