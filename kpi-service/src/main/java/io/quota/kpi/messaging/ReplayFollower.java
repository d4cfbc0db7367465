package io.quota.kpi.messaging;

import io.quota.kpi.application.Replays;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One actuals consumer's side of a replay ({@link Replays}). Each assigned partition is positioned under a
 * generation: the one its committed offset names ({@code replay=N} in the offset's metadata), or, once a newer
 * replay runs, that replay's, after seeking to the beginning. Under the running replay a record before the
 * partition's end is recounted (or skipped, when the .dlq holds it), one after it is held back: the partition is
 * paused at its end until the replay is done.
 */
final class ReplayFollower implements ConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(ReplayFollower.class);
    private static final String META = "replay=";
    private static final long FINISH_CHECK_NANOS = 1_000_000_000L;

    /** What a polled record is for this consumer now. */
    enum Place { LIVE, REPLAYED, SKIPPED, HELD }

    private final KafkaConsumer<String, String> consumer;
    private final Replays replays;
    private final Map<TopicPartition, Long> generationOf = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private long finishCheckedAt = System.nanoTime();

    ReplayFollower(KafkaConsumer<String, String> consumer, Replays replays) {
        this.consumer = consumer;
        this.replays = replays;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        for (TopicPartition p : partitions) {
            generationOf.put(p, generation(committed.get(p)));
        }
        Optional<Replays.Running> running = replays.running();
        rewind(running);
        holdAtEnds(running);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            generationOf.remove(p);
            paused.remove(p);
        });
    }

    /** Called before each poll: starts following a new replay, resumes after one, and helps end it. */
    void follow() {
        Optional<Replays.Running> running = replays.running();
        if (running.isEmpty()) {
            if (!paused.isEmpty()) {
                consumer.resume(paused);
                LOG.infof("replay done: partitions %s go on with live records", paused);
                paused.clear();
            }
            return;
        }
        rewind(running);
        holdAtEnds(running);
        if (System.nanoTime() - finishCheckedAt > FINISH_CHECK_NANOS) {
            finishCheckedAt = System.nanoTime();
            replays.finishIfCaughtUp(running.get().generation());
        }
    }

    Place place(ConsumerRecord<String, String> record, Optional<Replays.Running> running) {
        if (running.isEmpty()) {
            return Place.LIVE;
        }
        Replays.Running r = running.get();
        TopicPartition p = new TopicPartition(record.topic(), record.partition());
        if (generationOf.getOrDefault(p, 0L) < r.generation() || record.offset() >= r.endOf(record.partition())) {
            return Place.HELD;
        }
        return r.skips(record.partition(), record.offset()) ? Place.SKIPPED : Place.REPLAYED;
    }

    /** The offset to commit after a record, naming the generation its partition is positioned under. */
    OffsetAndMetadata commit(ConsumerRecord<String, String> record) {
        long generation = generationOf.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
        return new OffsetAndMetadata(record.offset() + 1, generation == 0 ? "" : META + generation);
    }

    /** A recounted record was decided when first read (and dead-lettered then if refused): never sent again. */
    List<DeadLetters.Letter> dropReplayed(List<DeadLetters.Letter> dead, Optional<Replays.Running> running) {
        if (running.isEmpty()) {
            return dead;
        }
        List<DeadLetters.Letter> live = new ArrayList<>();
        for (DeadLetters.Letter l : dead) {
            if (place(l.record(), running) == Place.REPLAYED) {
                LOG.warnf("replay: %s-%d@%d not recounted (%s); it was not dead-lettered when first read",
                        l.record().topic(), l.record().partition(), l.record().offset(), l.reason());
            } else {
                live.add(l);
            }
        }
        return live;
    }

    /** Pauses each partition of the running replay that reached its end (seeking back to it if read past). */
    void holdAtEnds(Optional<Replays.Running> running) {
        if (running.isEmpty()) {
            return;
        }
        Replays.Running r = running.get();
        for (TopicPartition p : consumer.assignment()) {
            if (paused.contains(p) || generationOf.getOrDefault(p, 0L) != r.generation()) {
                continue;
            }
            long end = r.endOf(p.partition());
            long position = consumer.position(p);
            if (position >= end) {
                if (position > end) {
                    consumer.seek(p, end);
                }
                consumer.pause(List.of(p));
                paused.add(p);
            }
        }
    }

    /** Partitions positioned under an older generation than the running replay's start again from the beginning. */
    private void rewind(Optional<Replays.Running> running) {
        if (running.isEmpty()) {
            return;
        }
        long generation = running.get().generation();
        List<TopicPartition> behind = generationOf.entrySet().stream().filter(e -> e.getValue() < generation)
                .map(Map.Entry::getKey).toList();
        if (!behind.isEmpty()) {
            consumer.seekToBeginning(behind);
            behind.forEach(p -> generationOf.put(p, generation));
            LOG.infof("replay %d: partitions %s read again from the beginning", generation, behind);
        }
    }

    private static long generation(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(META)) {
            return 0;
        }
        return Long.parseLong(committed.metadata().substring(META.length()));
    }
}
