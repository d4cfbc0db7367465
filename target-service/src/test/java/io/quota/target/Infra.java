package io.quota.target;

import io.quota.contracts.EventJson;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.TerritoryChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** What the @QuarkusTest classes share: raw Kafka clients and SQL reads of the service's database. */
public final class Infra {

    public static TerritoryChanged territory(String id, String parentId, String type, String status, Instant at) {
        return new TerritoryChanged(UUID.randomUUID(), at, 1, id, parentId, type, status, null, id + " territory",
                new BigDecimal("1000000.00"), null, null, null);
    }

    /** Publishes events as our producers do: keyed, JSON from EventJson, with the CloudEvents type header. */
    public static void publish(String bootstrap, QuotaEvent... events) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (QuotaEvent e : events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), EventJson.write(e));
                record.headers().add(new RecordHeader("ce_type", e.ceType().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("ce_id", e.eventId().toString().getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    public static void publishRaw(String bootstrap, String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    /** Publishes the territories and waits until the replica has applied every one of them. */
    public static void replicate(String bootstrap, DataSource ds, TerritoryChanged... territories) {
        publish(bootstrap, territories);
        for (TerritoryChanged t : territories) {
            await().atMost(Duration.ofSeconds(60)).until(() -> processed(ds, t.eventId()));
        }
    }

    /** True once the territory consumer has recorded the event in its inbox. */
    public static boolean processed(DataSource ds, UUID eventId) throws SQLException {
        return count(ds, "select count(*) from inbox where event_id = ?", eventId) == 1;
    }

    public static long count(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static String text(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Reads a topic from the start until {@code expected} records match, then keeps reading until the end of
     * the topic so that any extra match is seen too.
     */
    public static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, int expected,
                                                            Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "target-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            // generous: a relay batch whose acknowledgement times out (30 s) is republished, never lost
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
            // drain what is left up to the end offsets, so a duplicate would be counted
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return found;
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
    }

    private Infra() {
    }
}
