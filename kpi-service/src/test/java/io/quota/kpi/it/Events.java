package io.quota.kpi.it;

import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.ActualRecorded;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.contracts.events.TargetAllocated;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.contracts.events.WorkCalendar;
import io.quota.platform.messaging.IncomingEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Upstream systems for the tests: a raw Kafka producer with CloudEvents headers, and readers of topics. */
final class Events {
    private static KafkaProducer<String, String> producer;

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static synchronized void send(QuotaEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event));
        header(record, "ce_id", event.eventId().toString());
        header(record, "ce_type", event.ceType());
        header(record, "ce_source", "quota/kpi-service-test");
        header(record, "ce_time", event.occurredAt().toString());
        header(record, "ce_subject", event.ceSubject());
        sendRaw(record);
    }

    static synchronized void sendRaw(ProducerRecord<String, String> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(), "acks", "all",
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()));
        }
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static TerritoryChanged territory(String id, String parentId, String type) {
        return new TerritoryChanged(UUID.randomUUID(), Instant.now(), 1, id, parentId, type, "ACTIVE", null, id,
                null, null, null, null);
    }

    static PlanPublished plan(String planId, int version, Metric metric, String unit, String from, String to,
                              int cellCount, String total) {
        return new PlanPublished(UUID.randomUUID(), Instant.now(), 1, planId, version, planId + " v" + version,
                TaskType.NEW_BUSINESS, metric, unit, LocalDate.parse(from), LocalDate.parse(to), "Asia/Shanghai",
                WorkCalendar.mondayToFriday(), DriftPolicy.defaults(), cellCount, new BigDecimal(total));
    }

    /** A plan whose fiscal year starts in the given month (1-12). */
    static PlanPublished plan(String planId, int version, Metric metric, String unit, String from, String to,
                              int cellCount, String total, int fiscalYearStartMonth) {
        PlanPublished p = plan(planId, version, metric, unit, from, to, cellCount, total);
        return new PlanPublished(p.eventId(), p.occurredAt(), 1, planId, version, p.name(), p.taskType(), metric, unit,
                p.periodStart(), p.periodEnd(), p.timeZone(), p.calendar(), p.driftPolicy(), cellCount, p.total(),
                null, fiscalYearStartMonth);
    }

    static PlanWithdrawn withdrawn(String planId, int version) {
        return new PlanWithdrawn(UUID.randomUUID(), Instant.now(), 1, planId, version, "recalled by the test");
    }

    static TargetAllocated cell(String planId, int version, String territory, String from, String to, String amount,
                                String unit) {
        return new TargetAllocated(UUID.randomUUID(), Instant.now(), 1, planId, version,
                planId + "~territory=" + territory + "~" + from + ".." + to, new BigDecimal(amount), unit);
    }

    static ActualRecorded actual(Metric metric, String value, String unit, String date, String territoryId,
                                 String accountId) {
        return new ActualRecorded(UUID.randomUUID(), Instant.now(), 1, metric, new BigDecimal(value), unit,
                LocalDate.parse(date), accountId, territoryId, null, null, null, null, null, "test", null);
    }

    static ActualRecorded actual(Metric metric, String value, String unit, String date, String territoryId,
                                 String accountId, String repId, List<ActualRecorded.Credit> credits, UUID reversalOf,
                                 Boolean adjustment) {
        return new ActualRecorded(UUID.randomUUID(), Instant.now(), 1, metric, new BigDecimal(value), unit,
                LocalDate.parse(date), accountId, territoryId, repId, null, null, null, null, "test", reversalOf,
                credits, adjustment);
    }

    static AccountAssignmentChanged accountHistory(String accountId, AccountAssignmentChanged.Span... spans) {
        return new AccountAssignmentChanged(UUID.randomUUID(), Instant.now(), 1, accountId, List.of(spans));
    }

    static AccountAssignmentChanged.Span span(String territory, String from, String to) {
        return new AccountAssignmentChanged.Span(territory, LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    /** Sends many events in one go (no wait per record), then waits for all acknowledgements. */
    static synchronized void sendAll(List<? extends QuotaEvent> events) {
        send(events.get(0));
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (QuotaEvent e : events.subList(1, events.size())) {
            acks.add(producer.send(new ProducerRecord<>(e.topic(), e.key(), EventJson.write(e))));
        }
        for (var f : acks) {
            try {
                f.get();
            } catch (InterruptedException | ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Every record of a topic up to its current end (all of them, since the test's producers are done). */
    static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            if (infos == null || infos.isEmpty()) {
                return all;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(all::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return all;
        }
    }

    /** Waits for the first record of a topic that matches. */
    static ConsumerRecord<String, String> find(String topic, Predicate<ConsumerRecord<String, String>> match) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
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

    static String header(ConsumerRecord<String, String> record, String name) {
        return IncomingEvents.header(record, name);
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap(), "group.id", "kpi-test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
    }

    private Events() {
    }
}
