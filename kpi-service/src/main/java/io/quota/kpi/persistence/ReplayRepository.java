package io.quota.kpi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The replay generations, their progress per partition of quota.actuals.v1, and the records they skip. */
@ApplicationScoped
public class ReplayRepository {
    /** The tables derived from quota.actuals.v1 alone: what a replay empties and fills again. */
    private static final String DERIVED = "processed_actual, territory_daily, rep_daily, account_daily, touched_day";

    @Inject
    Db db;

    /** A replay generation as stored. */
    public record ReplayRow(long generation, String status, String requestedBy, String reason, Instant requestedAt,
                            Instant finishedAt) {
        public boolean running() {
            return "RUNNING".equals(status);
        }
    }

    /** One partition's progress. */
    public record PartitionRow(int partition, long endOffset, long replayedTo) {
    }

    /** The newest generation, if any replay was ever asked for. */
    public Optional<ReplayRow> latest() {
        return db.one("select generation, status, requested_by, reason, requested_at, finished_at from replay "
                + "order by generation desc limit 1", ReplayRepository::row);
    }

    public Optional<ReplayRow> find(long generation) {
        return db.one("select generation, status, requested_by, reason, requested_at, finished_at from replay "
                + "where generation = ?", ReplayRepository::row, generation);
    }

    /** Whether a replay runs now; read under a share lock, so it waits for a replay that is being finished. */
    public boolean running() {
        return db.one("select 1 from replay where status = 'RUNNING' for share", rs -> true).orElse(false);
    }

    /**
     * Begins a generation: empties the derived tables (the lock waits for batches in flight and holds new ones back
     * until commit) and records how far each partition was decided and which records it skips. Empty when one runs.
     */
    public Optional<Long> begin(String actor, String reason, Collection<long[]> skipped) {
        // decided positions must not move while they are copied; table locks on replay itself are avoided, as
        // drift transitions read it while they hold the figures this transaction empties
        db.update("lock table ingest_position in share mode");
        Optional<Long> created = db.one("""
                        insert into replay (generation, status, requested_by, reason)
                        select coalesce(max(generation), 0) + 1, 'RUNNING', ?, ? from replay
                        on conflict do nothing returning generation""", rs -> rs.getLong(1), actor, reason);
        if (created.isEmpty()) {
            return Optional.empty(); // one runs already (at most one RUNNING row), or another began this instant
        }
        long generation = created.get();
        db.update("""
                insert into replay_partition (generation, kafka_partition, end_offset)
                select ?, kafka_partition, next_offset from ingest_position""", generation);
        if (!skipped.isEmpty()) {
            db.update("""
                            insert into replay_skip (generation, kafka_partition, kafka_offset)
                            select ?, * from unnest(cast(? as int[]), cast(? as bigint[])) on conflict do nothing""",
                    generation, Db.column(skipped.stream().map(s -> s[0]).toList()),
                    Db.column(skipped.stream().map(s -> s[1]).toList()));
        }
        db.update("truncate " + DERIVED);
        return Optional.of(generation);
    }

    public List<PartitionRow> partitions(long generation) {
        return db.list("select kafka_partition, end_offset, replayed_to from replay_partition where generation = ? "
                + "order by kafka_partition", rs -> new PartitionRow(rs.getInt(1), rs.getLong(2), rs.getLong(3)),
                generation);
    }

    /** Offsets of the partitions' records to skip, by partition. */
    public Map<Integer, Set<Long>> skipped(long generation) {
        Map<Integer, Set<Long>> skipped = new HashMap<>();
        db.list("select kafka_partition, kafka_offset from replay_skip where generation = ?", rs -> {
            skipped.computeIfAbsent(rs.getInt(1), k -> new HashSet<>()).add(rs.getLong(2));
            return 1;
        }, generation);
        return skipped;
    }

    /** Records how far partitions were decided (next offsets), after their batch was counted and dead-lettered. */
    public void decided(Map<Integer, Long> nextOffsets) {
        List<Object> partitions = new ArrayList<>(nextOffsets.keySet());
        db.update("""
                        insert into ingest_position (kafka_partition, next_offset)
                        select * from unnest(cast(? as int[]), cast(? as bigint[]))
                        on conflict (kafka_partition)
                        do update set next_offset = greatest(ingest_position.next_offset, excluded.next_offset)""",
                Db.column(partitions), Db.column(partitions.stream().map(nextOffsets::get).toList()));
    }

    /** Records that partitions were replayed up to these offsets (exclusive), after their batch committed. */
    public void replayedTo(long generation, Map<Integer, Long> nextOffsets) {
        List<Object> partitions = new ArrayList<>(nextOffsets.keySet());
        db.update("""
                        update replay_partition p set replayed_to = greatest(p.replayed_to, x.next_offset)
                        from unnest(cast(? as int[]), cast(? as bigint[])) as x(kafka_partition, next_offset)
                        where p.generation = ? and p.kafka_partition = x.kafka_partition""",
                Db.column(partitions), Db.column(partitions.stream().map(nextOffsets::get).toList()), generation);
    }

    /** Whether every partition reached the end it had when the replay began. */
    public boolean caughtUp(long generation) {
        return db.one("select count(*) from replay_partition where generation = ? and replayed_to < end_offset",
                rs -> rs.getLong(1), generation).orElseThrow() == 0;
    }

    /** Ends a running generation; false when another instance ended it first. */
    public boolean finish(long generation) {
        return db.update("update replay set status = 'DONE', finished_at = now() where generation = ? "
                + "and status = 'RUNNING'", generation) == 1;
    }

    private static ReplayRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime finished = rs.getObject(6, OffsetDateTime.class);
        return new ReplayRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
    }
}
