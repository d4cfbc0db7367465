package io.quota.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraTest {

    @Test
    void postgresServesADatabaseWeCreate() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(null, 0)) {
            postgres.createDatabaseIfMissing("infra_test");
            postgres.createDatabaseIfMissing("infra_test"); // second call is a no-op

            try (Connection c = DriverManager.getConnection(
                    postgres.jdbcUrl("infra_test"), postgres.username(), postgres.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
                assertTrue(rs.next());
                assertEquals("infra_test", rs.getString(1));
                assertTrue(rs.getInt(2) >= 170000, "PostgreSQL 17 expected");
            }
        }
    }

    @Test
    void kafkaRoundTripsARecord() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(null, 0)) {
            kafka.createTopics(Map.of("infra-test", 2), Map.of("infra-test", Map.of("retention.ms", "60000")));
            kafka.createTopic("infra-test", 2); // exists already: ignored

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("infra-test", "k", "hello")).get();
            }

            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("infra-test"));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                }
                assertEquals(1, received.size());
                assertEquals("k", received.get(0).key());
                assertEquals("hello", received.get(0).value());
            }
        }
    }

    @Test
    void testResourceSharesOneInstanceOfEach() throws Exception {
        QuotaInfraResource first = new QuotaInfraResource();
        first.init(Map.of(QuotaInfraResource.DATABASE_ARG, "svc_a"));
        Map<String, String> a = first.start();
        QuotaInfraResource second = new QuotaInfraResource();
        second.init(Map.of());
        Map<String, String> b = second.start();

        assertEquals(a.get("kafka.bootstrap.servers"), b.get("kafka.bootstrap.servers"));
        assertTrue(a.get("quarkus.datasource.jdbc.url").endsWith("/svc_a"));
        assertTrue(b.get("quarkus.datasource.jdbc.url").endsWith("/quota"));
        try (Connection c = DriverManager.getConnection(b.get("quarkus.datasource.jdbc.url"),
                b.get("quarkus.datasource.username"), b.get("quarkus.datasource.password"))) {
            assertTrue(c.isValid(5));
        }
        QuotaInfraResource.createDatabaseIfMissing("svc_a");
        assertEquals(a.get("kafka.bootstrap.servers"), QuotaInfraResource.bootstrapServers());
    }
}
