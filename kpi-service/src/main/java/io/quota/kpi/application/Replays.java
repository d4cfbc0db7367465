package io.quota.kpi.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quota.kpi.persistence.ReplayRepository;
import io.quota.kpi.persistence.ReplayRepository.ReplayRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replay (DESIGN.md section 5, issue 8): rebuilds the read model derived from quota.actuals.v1 by emptying it and
 * reading the log again from the beginning, ending with the same figures and without notifying anyone again.
 * <ul>
 * <li>A replay is a generation row; every instance's consumers see it within a second, read their partitions
 * again from the beginning (a partition's committed offset names the generation it was written under, so a
 * partition that moves to another instance is replayed exactly when it has not been yet), and pause each
 * partition where its decided records ended when the replay began ({@code ingest_position}): live records wait,
 * so everything counted while the replay runs is a recount.</li>
 * <li>Decisions are not taken again: records the .dlq holds are skipped, the others are admitted without the
 * checks that depend on what changed since (closed periods, the active plans' units). Records after that point
 * are decided as any live record once the replay is done.</li>
 * <li>Drift transitions recomputed meanwhile are stored, not announced ({@link #silent()}); once every partition
 * caught up, one silent sweep settles every node on the final figures, the generation ends and consumers
 * resume.</li>
 * </ul>
 * Replicas (plans, cells, territories, assignments) are not part of it: their topics are kept whole and their
 * consumers apply the latest state, so they are already what a replay would rebuild.
 */
@ApplicationScoped
public class Replays {
    private static final Logger LOG = Logger.getLogger(Replays.class);
    private static final long REFRESH_NANOS = 1_000_000_000L;

    @Inject
    ReplayRepository replays;
    @Inject
    ActualsLog log;
    @Inject
    DriftSweep sweep;

    /** A replay as operators see it. */
    public record View(long generation, String status, String requestedBy, String reason, Instant requestedAt,
                       Instant finishedAt, List<PartitionProgress> partitions) {
    }

    public record PartitionProgress(int partition, long endOffset, long replayedTo) {
    }

    /** What consumers need of the running generation. */
    public record Running(long generation, Map<Integer, Long> endOffsets, Map<Integer, Set<Long>> skipped) {
        public long endOf(int partition) {
            return endOffsets.getOrDefault(partition, 0L);
        }

        public boolean skips(int partition, long offset) {
            Set<Long> s = skipped.get(partition);
            return s != null && s.contains(offset);
        }
    }

    private volatile Optional<Running> running = Optional.empty();
    private volatile long refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;

    /** Begins a replay; empty when one runs already. */
    public Optional<View> start(String actor, String reason) {
        List<long[]> skipped = log.deadLettered();
        Optional<Long> generation = QuarkusTransaction.requiringNew().call(() -> replays.begin(actor, reason, skipped));
        generation.ifPresent(g -> {
            LOG.infof("replay %d begun by %s (%s): quota.actuals.v1 read again, %d dead letters skipped", g, actor,
                    reason, skipped.size());
            refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;
        });
        return generation.flatMap(this::view);
    }

    public Optional<View> view(long generation) {
        return QuarkusTransaction.requiringNew().call(() -> replays.find(generation).flatMap(r -> view(r,
                replays.partitions(generation).stream()
                        .map(p -> new PartitionProgress(p.partition(), p.endOffset(), p.replayedTo())).toList())));
    }

    public Optional<View> latest() {
        return QuarkusTransaction.requiringNew().call(() -> replays.latest()).flatMap(r -> view(r.generation()));
    }

    /** The running generation, as of at most a second ago (consumers ask on every poll). */
    public Optional<Running> running() {
        if (System.nanoTime() - refreshedAt > REFRESH_NANOS) {
            running = QuarkusTransaction.requiringNew().call(() -> replays.latest().filter(ReplayRow::running)
                    .map(r -> new Running(r.generation(), ends(r.generation()), replays.skipped(r.generation()))));
            refreshedAt = System.nanoTime();
        }
        return running;
    }

    /**
     * After a batch was counted and its dead letters sent (before its offsets are committed): how far its partitions
     * were decided, and how far the running replay got (next offsets).
     */
    public void afterBatch(Map<Integer, Long> decided, Optional<Running> replay, Map<Integer, Long> replayed) {
        if (decided.isEmpty() && replayed.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (!decided.isEmpty()) {
                replays.decided(decided);
            }
            if (replay.isPresent() && !replayed.isEmpty()) {
                replays.replayedTo(replay.get().generation(), replayed);
            }
        });
    }

    /**
     * Ends the generation once every partition caught up: settles every node silently on the final figures, then
     * marks it done. Instances may race here; the sweep is shared and only one ends it.
     */
    public boolean finishIfCaughtUp(long generation) {
        if (!QuarkusTransaction.requiringNew().call(() -> replays.caughtUp(generation))) {
            return false;
        }
        int nodes = sweep.sweep();
        boolean ended = QuarkusTransaction.requiringNew().call(() -> replays.finish(generation));
        if (ended) {
            LOG.infof("replay %d done: every partition read again, %d nodes settled without notifying", generation,
                    nodes);
        }
        refreshedAt = System.nanoTime() - 2 * REFRESH_NANOS;
        return true;
    }

    /**
     * Whether a drift transition found now is a recount: stored, not announced. Called inside the transition's
     * transaction; waits while a replay is being ended.
     */
    public boolean silent() {
        return replays.running();
    }

    private Map<Integer, Long> ends(long generation) {
        Map<Integer, Long> ends = new java.util.HashMap<>();
        replays.partitions(generation).forEach(p -> ends.put(p.partition(), p.endOffset()));
        return ends;
    }

    private static Optional<View> view(ReplayRow r, List<PartitionProgress> partitions) {
        return Optional.of(new View(r.generation(), r.status(), r.requestedBy(), r.reason(), r.requestedAt(),
                r.finishedAt(), partitions));
    }
}
