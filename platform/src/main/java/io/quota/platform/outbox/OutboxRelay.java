package io.quota.platform.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quota.platform.concurrent.Wakeup;
import io.quota.platform.tracing.Traces;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes outbox rows in id order with an idempotent producer (acks=all) and deletes them once Kafka has
 * acknowledged every record of the batch. It runs on its own thread, woken by every commit that wrote rows
 * (Quarkus' scheduler cannot tick faster than once a second), and polls for rows other instances wrote. Rows are claimed with FOR UPDATE SKIP LOCKED so several instances
 * share the work; a crash between send and delete republishes, which consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager em;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    @ConfigProperty(name = "quota.outbox.batch-size", defaultValue = "500")
    int batchSize;

    /** How often to look for rows when no commit woke the relay (rows written by another instance). */
    @ConfigProperty(name = "quota.outbox.interval", defaultValue = "PT0.5S")
    Duration interval;

    @ConfigProperty(name = "quota.outbox.retry-after", defaultValue = "PT1S")
    Duration retryAfter;

    /** A batch holding an expansion (a whole plan version) may publish a million events in one transaction. */
    @ConfigProperty(name = "quota.outbox.transaction-timeout", defaultValue = "PT10M")
    Duration transactionTimeout;

    /**
     * Producer tuning: an expansion sends up to millions of records in one go, so large batches, a linger that
     * fills them and compression (keys and payloads of one expansion are much alike) raise the rate; a single
     * event waits at most the linger.
     */
    @ConfigProperty(name = "quota.outbox.linger", defaultValue = "PT0.01S")
    Duration linger;

    @ConfigProperty(name = "quota.outbox.producer-batch-bytes", defaultValue = "524288")
    int producerBatchBytes;

    @ConfigProperty(name = "quota.outbox.compression", defaultValue = "lz4")
    String compression;

    @Inject
    Instance<OutboxExpander> expanders;

    /** Topic prefix that marks a row an {@link OutboxExpander} stands behind. */
    static final String EXPANSION_PREFIX = "expand:";

    private final Wakeup wakeup = new Wakeup();
    private volatile boolean running;
    private Thread thread;

    private volatile KafkaProducer<String, String> producer;
    private volatile Instant lastSuccess = Instant.now();

    /** Starts the relay thread once the application (and its Flyway migration) is up. */
    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called after a transaction that wrote outbox rows commits: publish now rather than at the next poll. */
    public void wake() {
        wakeup.wake();
    }

    /** Wakes the relay once the caller's transaction, which wrote rows, commits. */
    void wakeAfterCommit(TransactionSynchronizationRegistry transactions) {
        wakeup.wakeAfterCommit(transactions);
    }

    private void run() {
        while (running) {
            try {
                int published = publishBatch();
                lastSuccess = Instant.now();
                if (published < batchSize) {
                    awaitWork(interval.toMillis());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay failed, retrying in %s: %s", retryAfter, e.getMessage());
                awaitWork(retryAfter.toMillis());
            }
        }
    }

    private void awaitWork(long millis) {
        if (!wakeup.await(millis)) {
            running = false;
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) transactionTimeout.toSeconds()).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select id, event_id, topic, record_key, ce_type, ce_subject, payload, created_at, traceparent
                            from outbox order by id limit ?1 for update skip locked""")
                    .setParameter(1, batchSize).getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            Acknowledgements acks = new Acknowledgements();
            List<Long> ids = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                ids.add(((Number) row[0]).longValue());
                String topic = (String) row[2];
                String traceparent = (String) row[8];
                if (topic.startsWith(EXPANSION_PREFIX)) {
                    expander(topic.substring(EXPANSION_PREFIX.length())).expandSerialized((String) row[6],
                            e -> send(traced(record(e.topic(), e.key(), e.eventId(), e.ceType(), e.ceSubject(), e.payload(),
                                    e.occurredAt()), traceparent), acks));
                } else {
                    send(traced(record(topic, (String) row[3], row[1].toString(), (String) row[4], (String) row[5],
                            (String) row[6], instant(row[7])), traceparent), acks);
                }
            }
            producer().flush();
            acks.check();
            em.createNativeQuery("delete from outbox where id = any(?1)")
                    .setParameter(1, ids.toArray(new Long[0])).executeUpdate();
            return rows.size();
        });
    }

    private OutboxExpander expander(String name) {
        for (OutboxExpander expander : expanders) {
            if (expander.name().equals(name)) {
                return expander;
            }
        }
        throw new IllegalStateException("no OutboxExpander named " + name);
    }

    private void send(ProducerRecord<String, String> record, Acknowledgements acks) {
        acks.check();
        producer().send(record, acks);
    }

    /** Remembers the first failed send; a batch with a failure is retried as a whole (consumers deduplicate). */
    private static final class Acknowledgements implements Callback {
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        }

        void check() {
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
            }
        }
    }

    private ProducerRecord<String, String> record(String topic, String key, String eventId, String ceType,
                                                  String subject, String payload, Instant time) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", eventId);
        header(record, "ce_type", ceType);
        header(record, "ce_source", "quota/" + source);
        header(record, "ce_time", timeText(time != null ? time : Instant.now()));
        if (subject != null) {
            header(record, "ce_subject", subject);
        }
        header(record, "content-type", "application/json");
        return record;
    }

    /** Carries on the trace of the transaction that wrote the row (every event of an expansion shares it). */
    private static ProducerRecord<String, String> traced(ProducerRecord<String, String> record, String traceparent) {
        if (traceparent != null) {
            header(record, Traces.TRACEPARENT, traceparent);
        }
        return record;
    }

    private Instant lastTime;
    private String lastTimeText;

    /** ce_time: the events of one expansion share their time, so it is formatted once, not per event (relay thread). */
    private String timeText(Instant time) {
        if (!time.equals(lastTime)) {
            lastTimeText = time.toString();
            lastTime = time;
        }
        return lastTimeText;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.now();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = new HashMap<>(kafkaConfig);
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
                    config.put(ProducerConfig.BATCH_SIZE_CONFIG, producerBatchBytes);
                    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, source + "-outbox");
                    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    config.keySet().removeIf(k -> k.startsWith("key.deserializer") || k.startsWith("value.deserializer")
                            || k.equals("group.id") || k.startsWith("health") || k.startsWith("devservices"));
                    producer = new KafkaProducer<>(config);
                }
            }
        }
        return producer;
    }

    /** When the relay last finished a pass without error (liveness). */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** Stops before Hibernate and the datasource go away (ShutdownEvent comes first). */
    void stop(@Observes ShutdownEvent event) {
        close();
    }

    @PreDestroy
    void close() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }

}
