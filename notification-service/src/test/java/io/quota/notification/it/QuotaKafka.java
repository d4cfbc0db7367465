package io.quota.notification.it;

import io.quota.contracts.DriftState;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.WorkCalendar;
import io.quota.contracts.events.Figures;
import io.quota.contracts.events.TerritoryChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Test-side Kafka: publishes records as kpi-service's relay would, and finds records on a topic. */
final class QuotaKafka {
    private final String bootstrap;

    QuotaKafka(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A node of plan {@code planId} (territory EAST, March 2027) turning CRITICAL at pace 0.6134. */
    static DriftDetected critical(String planId) {
        return critical(planId, "EAST");
    }

    /** The same for a node of the given territory; null: the plan's roll-up across territories. */
    static DriftDetected critical(String planId, String territory) {
        return new DriftDetected(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1,
                planId + (territory == null ? "" : "~territory=" + territory) + "~2027-03-01..2027-03-31", planId, 1,
                Metric.REVENUE, "CNY",
                DriftState.CRITICAL, DriftState.WARNING,
                new Figures(new BigDecimal("1000000.00"), new BigDecimal("280000.00"), new BigDecimal("456451.61"),
                        new BigDecimal("0.28"), new BigDecimal("0.6134"), new BigDecimal("613400.00"),
                        LocalDate.parse("2027-03-14")));
    }

    /** Version 1 of a plan as target-service publishes it when approved. */
    static PlanPublished planPublished(String planId, String name) {
        return new PlanPublished(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, planId, 1, name,
                TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY", LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"),
                "Asia/Shanghai", WorkCalendar.mondayToFriday(), DriftPolicy.defaults(), 12, new BigDecimal("1200000.00"));
    }

    /** New figures of the plan's EAST March node: {@code attainment} of a 1,000,000.00 target. */
    static AttainmentChanged attainment(String planId, int planVersion, String attainment) {
        BigDecimal ratio = new BigDecimal(attainment);
        BigDecimal target = new BigDecimal("1000000.00");
        return new AttainmentChanged(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1,
                planId + "~territory=EAST~2027-03-01..2027-03-31", planId, planVersion, Metric.REVENUE, "CNY",
                new Figures(target, target.multiply(ratio).setScale(2), new BigDecimal("800000.00"), ratio,
                        ratio.multiply(new BigDecimal("1.25")), target.multiply(ratio).multiply(new BigDecimal("1.25"))
                        .setScale(2, java.math.RoundingMode.HALF_UP), LocalDate.parse("2027-03-25")));
    }

    /** A node of the plan drifting into {@code state} from {@code previous}. */
    static DriftDetected drift(String planId, String territory, DriftState state, DriftState previous) {
        DriftDetected c = critical(planId, territory);
        return new DriftDetected(c.eventId(), c.occurredAt(), 1, c.nodeKey(), planId, 1, c.metric(), c.unit(), state,
                previous, c.figures());
    }

    /** A territory of the tree (parent null: a root region), as territory-service publishes it. */
    static TerritoryChanged territory(String id, String parent) {
        return new TerritoryChanged(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, id, parent,
                parent == null ? "REGION" : "GEOGRAPHIC", "ACTIVE", null, id, null, null, null, null);
    }

    /** Publishes an event with the CloudEvents headers our producers set; returns the record sent. */
    ProducerRecord<String, String> publish(QuotaEvent event) {
        return publish(event, event.key());
    }

    ProducerRecord<String, String> publish(QuotaEvent event, String key) {
        return send(record(event, key));
    }

    /** The record of an event with the CloudEvents headers our producers set. */
    static ProducerRecord<String, String> record(QuotaEvent event, String key) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), key, EventJson.write(event));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", event.eventId().toString());
        header(record, "ce_type", event.ceType());
        header(record, "ce_source", "quota/kpi-service");
        header(record, "ce_subject", event.ceSubject());
        header(record, "content-type", "application/json");
        return record;
    }

    ProducerRecord<String, String> send(ProducerRecord<String, String> record) {
        sendAll(List.of(record));
        return record;
    }

    /** Sends the records back to back through one producer (on one key they usually reach a consumer in one poll). */
    void sendAll(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName(), "linger.ms", "50"))) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + records.get(0).topic(), e);
        }
    }

    static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The first record on the topic that matches, waiting for it to arrive. */
    ConsumerRecord<String, String> find(String topic, Predicate<ConsumerRecord<String, String>> match) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "notification-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (found.get() == null && match.test(r)) {
                        found.set(r);
                    }
                });
                return found.get() != null;
            });
        }
        return found.get();
    }
}
