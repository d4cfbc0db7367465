package io.quota.kpi.messaging;

import io.quota.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends poison actuals to quota.actuals.v1.dlq with the reason, in the headers SmallRye's dead-letter strategy
 * uses (dead-letter-reason, -topic, -partition, -offset), keeping the original key, value and headers. Sent and
 * acknowledged before the batch's offsets are committed: a crash in between sends a letter twice, never none.
 */
@ApplicationScoped
public class DeadLetters {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private volatile KafkaProducer<String, String> producer;

    /** A record that will not be counted, and why. */
    public record Letter(ConsumerRecord<String, String> record, String reason) {
    }

    public void send(List<Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (Letter l : letters) {
            ConsumerRecord<String, String> r = l.record();
            ProducerRecord<String, String> letter = new ProducerRecord<>(Topics.dlq(r.topic()), r.key(), r.value());
            for (Header h : r.headers()) {
                letter.headers().add(h);
            }
            header(letter, "dead-letter-reason", l.reason());
            header(letter, "dead-letter-topic", r.topic());
            header(letter, "dead-letter-partition", String.valueOf(r.partition()));
            header(letter, "dead-letter-offset", String.valueOf(r.offset()));
            out.add(letter);
        }
        sendAcknowledged(out, "dead letters");
    }

    /** Sends the records and waits until the broker acknowledged every one (acks=all). */
    void sendAcknowledged(List<ProducerRecord<String, String>> records, String what) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ProducerRecord<String, String> r : records) {
            sent.add(producer().send(r));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " not acknowledged: " + e.getMessage(), e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = new HashMap<>(kafkaConfig);
                    config.keySet().removeIf(k -> k.startsWith("key.deserializer") || k.startsWith("value.deserializer")
                            || k.equals("group.id") || k.startsWith("health") || k.startsWith("devservices"));
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "kpi-actuals-dlq");
                    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(config);
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
