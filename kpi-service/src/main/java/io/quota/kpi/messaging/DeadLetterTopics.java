package io.quota.kpi.messaging;

import io.quota.contracts.Topics;
import io.quota.kpi.application.ActualsLog;
import io.quota.kpi.application.DeadLetterBox;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the .dlq topics to their current end (for re-drive, and for a replay to know which records of
 * quota.actuals.v1 were dead-lettered) and re-drives letters.
 */
@ApplicationScoped
public class DeadLetterTopics implements DeadLetterBox, ActualsLog {
    /** Names a re-driven record's letter; a letter of that record, refused again, keeps it as its origin. */
    static final String REDRIVEN_FROM = "quota-redriven-from";
    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ReplicaLetters replicas;

    @Override
    public List<long[]> deadLettered() {
        List<long[]> positions = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readToEnd(Topics.dlq(Topics.ACTUALS))) {
            String partition = IncomingEvents.header(r, "dead-letter-partition");
            String offset = IncomingEvents.header(r, "dead-letter-offset");
            if (Topics.ACTUALS.equals(IncomingEvents.header(r, "dead-letter-topic")) && partition != null
                    && offset != null) {
                positions.add(new long[]{Integer.parseInt(partition), Long.parseLong(offset)});
            }
        }
        return positions;
    }

    @Override
    public List<Letter> letters(String dlqTopic) {
        String fallback = dlqTopic.substring(0, dlqTopic.length() - Topics.DLQ_SUFFIX.length());
        List<Letter> letters = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readToEnd(dlqTopic)) {
            String topic = IncomingEvents.header(r, "dead-letter-topic");
            letters.add(new Letter(origin(r), topic == null ? fallback : topic, r));
        }
        return letters;
    }

    /**
     * Letters of quota.actuals.v1 go back to that topic (kpi-service may write it; it is not compacted). Letters of
     * a replica topic are applied here, through the consumer that refused them: publishing them again would need
     * write access to another service's topic, and an old event put back into a compacted topic would replace
     * that key's newer state for every reader. A letter refused again goes back to the .dlq keeping its origin.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void redrive(List<Letter> letters) {
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        List<DeadLetters.Letter> refused = new ArrayList<>();
        for (Letter l : letters) {
            ConsumerRecord<String, String> r = (ConsumerRecord<String, String>) l.record();
            Origin o = l.origin();
            byte[] from = (o.dlqTopic() + "/" + o.partition() + "/" + o.offset()).getBytes(StandardCharsets.UTF_8);
            if (l.topic().equals(Topics.ACTUALS)) {
                ProducerRecord<String, String> again = new ProducerRecord<>(l.topic(), r.key(), r.value());
                originalHeaders(r).forEach(h -> again.headers().add(h));
                again.headers().add(REDRIVEN_FROM, from);
                out.add(again);
                continue;
            }
            ConsumerRecord<String, String> original = new ConsumerRecord<>(l.topic(),
                    intHeader(r, "dead-letter-partition", r.partition()), longHeader(r, "dead-letter-offset", r.offset()),
                    r.key(), r.value());
            originalHeaders(r).forEach(h -> original.headers().add(h));
            original.headers().add(REDRIVEN_FROM, from);
            try {
                replicas.apply(original);
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    throw e; // nothing is recorded as re-driven; asking again applies it (the inbox skips repeats)
                }
                refused.add(new DeadLetters.Letter(original, Failures.describe(e)));
            }
        }
        deadLetters.sendAcknowledged(out, "re-driven letters");
        if (!refused.isEmpty()) {
            deadLetters.send(refused);
        }
    }

    private static List<Header> originalHeaders(ConsumerRecord<String, String> r) {
        List<Header> kept = new ArrayList<>();
        for (Header h : r.headers()) {
            if (!h.key().startsWith("dead-letter-") && !h.key().equals(REDRIVEN_FROM)) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static int intHeader(ConsumerRecord<String, String> r, String name, int fallback) {
        String v = IncomingEvents.header(r, name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static long longHeader(ConsumerRecord<String, String> r, String name, long fallback) {
        String v = IncomingEvents.header(r, name);
        return v == null ? fallback : Long.parseLong(v);
    }

    private static Origin origin(ConsumerRecord<String, String> r) {
        String from = IncomingEvents.header(r, REDRIVEN_FROM);
        if (from != null) {
            String[] parts = from.split("/");
            if (parts.length == 3) {
                return new Origin(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            }
        }
        return new Origin(r.topic(), r.partition(), r.offset());
    }

    /** Every record of the topic up to its end as of now (no group: nothing is committed). */
    private List<ConsumerRecord<String, String>> readToEnd(String topic) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.keySet().removeIf(k -> k.startsWith("health") || k.startsWith("devservices") || k.equals("group.id")
                || k.startsWith("key.serializer") || k.startsWith("value.serializer"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kpi-dlq-reader");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return all;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(topic + " not read to its end within " + READ_LIMIT);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        all.add(r);
                    }
                }
            }
        }
        return all;
    }
}
