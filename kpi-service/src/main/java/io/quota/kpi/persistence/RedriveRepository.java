package io.quota.kpi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which dead letters were re-driven already, by their first place in their .dlq topic. */
@ApplicationScoped
public class RedriveRepository {
    @Inject
    Db db;

    /** One re-drive at a time across instances, for the rest of the transaction. */
    public void lock() {
        db.list("select pg_advisory_xact_lock(hashtext('kpi-service re-drive'))", rs -> 1);
    }

    /** "partition/offset" of the letters of the .dlq topic re-driven already. */
    public Set<String> redriven(String dlqTopic) {
        return new HashSet<>(db.list("select dlq_partition || '/' || dlq_offset from redriven_letter where dlq_topic = ?",
                rs -> rs.getString(1), dlqTopic));
    }

    public void record(String dlqTopic, List<Integer> partitions, List<Long> offsets, List<String> topics,
                       String actor, String reason) {
        if (partitions.isEmpty()) {
            return;
        }
        db.update("""
                        insert into redriven_letter (dlq_topic, dlq_partition, dlq_offset, topic, redriven_by, reason)
                        select ?, p, o, t, ?, ? from unnest(cast(? as int[]), cast(? as bigint[]), cast(? as text[]))
                            as x(p, o, t)
                        on conflict do nothing""",
                dlqTopic, actor, reason, Db.column(partitions), Db.column(offsets), Db.column(topics));
    }
}
