package io.quota.kpi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The day partitions of the processed-ids table: created ahead (moving in any rows of that day that the default
 * partition caught), and dropped whole once past the deduplication window.
 */
@ApplicationScoped
public class PartitionRepository {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PREFIX = "processed_actual_d";

    @Inject
    Db db;

    /** One maintainer at a time across instances (transaction-scoped). */
    public void lock() {
        db.list("select pg_advisory_xact_lock(hashtext('kpi:processed_actual:partitions'))", rs -> 1);
    }

    public List<LocalDate> days() {
        return db.list("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        join pg_class p on p.oid = i.inhparent
                        where p.relname = 'processed_actual' and c.relname ~ '^processed_actual_d[0-9]{8}$'""",
                rs -> LocalDate.parse(rs.getString(1).substring(PREFIX.length()), NAME));
    }

    /** Creates the day's partition; rows of that day the default partition holds move into it first. */
    public void create(LocalDate day) {
        String table = PREFIX + NAME.format(day);
        db.update("create table " + table + " (event_id uuid not null, occurred_day date not null, "
                + "primary key (event_id, occurred_day))");
        db.update("with moved as (delete from processed_actual_default where occurred_day = ? returning event_id, "
                + "occurred_day) insert into " + table + " select * from moved", day);
        db.update("alter table processed_actual attach partition " + table + " for values from ('" + day + "') to ('"
                + day.plusDays(1) + "')");
    }

    public void drop(LocalDate day) {
        db.update("drop table if exists " + PREFIX + NAME.format(day));
    }

    /** Rows the default partition holds for days before the window. */
    public int trimDefault(LocalDate firstKept) {
        return db.update("delete from processed_actual_default where occurred_day < ?", firstKept);
    }
}
