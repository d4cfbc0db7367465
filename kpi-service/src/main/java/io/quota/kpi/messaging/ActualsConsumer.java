package io.quota.kpi.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.kpi.application.ActualsIngestion;
import io.quota.kpi.application.IngestMetrics;
import io.quota.kpi.application.Replays;
import io.quota.platform.messaging.IncomingEvents;
import io.quota.platform.tracing.Traces;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * quota.actuals.v1, the one ingestion log, consumed in batches by our own KafkaConsumer threads (one per
 * {@code quota.actuals.consumers}; instances and threads share the partitions through the group). Per poll:
 * parse every record (an unreadable one is a dead letter), count the batch in one transaction
 * ({@link ActualsIngestion}), send the dead letters with their reasons, and only then commit the offsets.
 * A transient database failure retries the same batch (never dead-letters it); any other failure splits the batch
 * in halves until the one record that causes it is isolated and dead-lettered, while the rest is counted.
 */
@ApplicationScoped
public class ActualsConsumer {
    private static final Logger LOG = Logger.getLogger(ActualsConsumer.class);
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    ActualsIngestion ingestion;
    @Inject
    DeadLetters deadLetters;
    @Inject
    IngestMetrics metrics;
    @Inject
    Replays replays;

    @ConfigProperty(name = "quota.actuals.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "quota.actuals.consumers", defaultValue = "2")
    int consumers;
    @ConfigProperty(name = "quota.actuals.group-id", defaultValue = "kpi-service")
    String groupId;
    @ConfigProperty(name = "quota.actuals.max-poll-records", defaultValue = "5000")
    int maxPollRecords;
    @ConfigProperty(name = "quota.actuals.retry-backoff", defaultValue = "PT0.2S")
    Duration retryBackoff;

    private volatile boolean running;
    private final List<Loop> loops = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        if (enabled) {
            startPolling();
        }
    }

    /**
     * Starts the consumer threads. At start-up unless {@code quota.actuals.enabled=false}, which holds them, e.g. so
     * that the ingest benchmark times the draining of a backlog it produced first, like Kafka's own consumer tool.
     */
    public synchronized void startPolling() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < consumers; i++) {
            Loop loop = new Loop(i);
            loops.add(loop);
            loop.thread.start();
        }
    }

    /** Stops polling before the datasource goes away; a batch in flight is finished or redelivered later. */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        loops.forEach(l -> l.consumer.wakeup());
        for (Loop l : loops) {
            try {
                l.thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The record's W3C traceparent header if it is well formed (an upstream may send anything), else null. */
    static String traceparent(ConsumerRecord<String, String> record) {
        String value = IncomingEvents.header(record, Traces.TRACEPARENT);
        return value != null && TRACEPARENT.matcher(value).matches() ? value : null;
    }

    private final class Loop {
        final KafkaConsumer<String, String> consumer;
        final ReplayFollower replay;
        final Thread thread;

        Loop(int n) {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            config.keySet().removeIf(k -> k.startsWith("health") || k.startsWith("devservices")
                    || k.startsWith("key.serializer") || k.startsWith("value.serializer"));
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kpi-actuals-" + n);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(config);
            replay = new ReplayFollower(consumer, replays);
            thread = new Thread(this::run, "kpi-actuals-" + n);
            thread.setDaemon(true);
        }

        void run() {
            try {
                consumer.subscribe(List.of(Topics.ACTUALS), replay);
                while (running) {
                    replay.follow();
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.errorf(e, "actuals consumer stopped");
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        void handle(ConsumerRecords<String, String> records) {
            long started = System.nanoTime();
            Optional<Replays.Running> replaying = replays.running();
            List<ConsumerRecord<String, String>> all = new ArrayList<>(records.count());
            List<Boolean> again = new ArrayList<>(records.count());
            Map<Integer, Long> replayedTo = new HashMap<>();
            for (ConsumerRecord<String, String> r : records) {
                ReplayFollower.Place place = replay.place(r, replaying);
                if (place == ReplayFollower.Place.HELD) {
                    continue; // read again later: from the beginning (a replay began) or once the replay is done
                }
                if (place != ReplayFollower.Place.LIVE) {
                    replayedTo.merge(r.partition(), r.offset() + 1, Math::max);
                }
                if (place != ReplayFollower.Place.SKIPPED) {
                    all.add(r);
                    again.add(place == ReplayFollower.Place.REPLAYED);
                }
            }
            // parsing is CPU work: spread over the cores; the quick reader leaves only doubtful records to the schema
            List<Object> parsed = all.parallelStream().map(r -> {
                try {
                    return (Object) ActualRecordReader.read(r);
                } catch (InvalidEventException e) {
                    return new DeadLetters.Letter(r, e.getMessage());
                }
            }).toList();
            List<ConsumerRecord<String, String>> readable = new ArrayList<>(all.size());
            List<ActualRecorded> events = new ArrayList<>(all.size());
            List<Boolean> replayed = new ArrayList<>(all.size());
            List<String> traceparents = new ArrayList<>(all.size());
            List<DeadLetters.Letter> dead = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (parsed.get(i) instanceof ActualRecorded a) {
                    events.add(a);
                    readable.add(all.get(i));
                    replayed.add(again.get(i));
                    traceparents.add(traceparent(all.get(i)));
                } else {
                    dead.add((DeadLetters.Letter) parsed.get(i));
                }
            }
            int counted = apply(readable, events, replayed, traceparents, dead);
            if (!running && Thread.currentThread().isInterrupted()) {
                return; // stopped mid-retry: nothing committed, the batch is redelivered
            }
            deadLetters.send(replay.dropReplayed(dead, replaying));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            Map<Integer, Long> decided = new HashMap<>();
            for (ConsumerRecord<String, String> r : records) {
                if (replay.place(r, replaying) != ReplayFollower.Place.HELD) {
                    offsets.merge(new TopicPartition(r.topic(), r.partition()), replay.commit(r),
                            (a, b) -> a.offset() >= b.offset() ? a : b);
                    decided.merge(r.partition(), r.offset() + 1, Math::max);
                }
            }
            replays.afterBatch(decided, replaying, replayedTo);
            replay.holdAtEnds(replaying);
            try {
                consumer.commitSync(offsets);
            } catch (RuntimeException e) {
                // the partitions moved to another consumer: it redelivers from the last commit, the ids dedupe
                LOG.warnf("offsets not committed (%s); the batch will be redelivered and deduplicated", e.getMessage());
            }
            metrics.batch(records.count(), counted, dead.size(), System.nanoTime() - started);
        }

        /** Counts the events; refusals and isolated poison records are added to dead. Returns how many counted. */
        int apply(List<ConsumerRecord<String, String>> records, List<ActualRecorded> events, List<Boolean> replayed,
                  List<String> traceparents, List<DeadLetters.Letter> dead) {
            if (events.isEmpty()) {
                return 0;
            }
            long backoff = retryBackoff.toMillis();
            while (true) {
                try {
                    ActualsIngestion.Outcome outcome = ingestion.ingest(events, replayed, traceparents);
                    outcome.refused().forEach(r -> dead.add(new DeadLetters.Letter(records.get(r.index()), r.reason())));
                    return outcome.counted();
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        if (!running) {
                            Thread.currentThread().interrupt();
                            return 0;
                        }
                        LOG.warnf("transient database failure, retrying the batch of %d in %d ms: %s", events.size(),
                                backoff, Failures.describe(e));
                        sleep(backoff);
                        backoff = Math.min(backoff * 2, 5_000);
                        continue;
                    }
                    if (events.size() == 1) {
                        LOG.warnf("actual at %s-%d@%d dead-lettered: %s", records.get(0).topic(),
                                records.get(0).partition(), records.get(0).offset(), Failures.describe(e));
                        dead.add(new DeadLetters.Letter(records.get(0), "cannot be counted: " + Failures.describe(e)));
                        return 0;
                    }
                    int half = events.size() / 2;
                    return apply(records.subList(0, half), events.subList(0, half), replayed.subList(0, half),
                            traceparents.subList(0, half), dead)
                            + apply(records.subList(half, records.size()), events.subList(half, events.size()),
                            replayed.subList(half, replayed.size()), traceparents.subList(half, traceparents.size()),
                            dead);
                }
            }
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
