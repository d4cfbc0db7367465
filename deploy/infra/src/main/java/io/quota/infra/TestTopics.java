package io.quota.infra;

import io.quota.contracts.EventJson;
import io.quota.contracts.QuotaEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Talks to the test broker the way another service would: publishes events with CloudEvents headers, or raw
 * records (poison messages), and reads topics with a fresh consumer group.
 */
public final class TestTopics {
    private TestTopics() {
    }

    /** Publishes each event to its topic under its key, as our outbox relay would, and waits for the acks. */
    public static void publish(String bootstrap, QuotaEvent... events) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (QuotaEvent event : events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), EventJson.write(event));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", event.eventId().toString());
                header(record, "ce_type", event.ceType());
                header(record, "ce_source", "quota/test");
                header(record, "content-type", "application/json");
                producer.send(record).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the event", e);
        }
    }

    /** Publishes a record as is, e.g. a poison message. */
    public static void publishRaw(String bootstrap, String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the record", e);
        }
    }

    /** Reads from the beginning until {@code count} matching records arrived; fails after 30 s. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String bootstrap, String topic, int count,
                                                                    Predicate<ConsumerRecord<String, String>> match) {
        return awaitRecords(bootstrap, topic, count, Duration.ofSeconds(30), match);
    }

    /** Reads from the beginning until {@code count} matching records arrived; fails after {@code timeout}. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String bootstrap, String topic, int count,
                                                                    Duration timeout,
                                                                    Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " matching records on " + topic + " within "
                            + timeout + ", found " + found.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /** Every matching record up to the topic's end as of now: to show that something was NOT published. */
    public static List<ConsumerRecord<String, String>> readToEnd(String bootstrap, String topic,
                                                                 Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "quota-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "enable.auto.commit", "false",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
    }
}
