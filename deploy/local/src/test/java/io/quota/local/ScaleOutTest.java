package io.quota.local;

import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scale-out (issue 8): kpi-service instances in one consumer group share the 12 partitions of quota.actuals.v1.
 * First the ingest benchmark with 1, 2 and 3 instances side by side; then three instances take a paced stream
 * while one of them is killed with SIGKILL and started again, and afterwards every node (territory x business
 * day) holds exactly the sum sent.
 * <p>
 * Tagged benchmark (minutes of streaming; needs the four services' {@code target/quarkus-app}). Run:
 * {@code ./mvnw -o -f deploy/local/pom.xml verify -Pbench -Dtest=ScaleOutTest}.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {
    private static final int BENCH_ACTUALS = Integer.getInteger("quota.scale.actuals", 100_000);
    private static final int STREAM_ACTUALS = Integer.getInteger("quota.scale.stream", 60_000);
    private static final int STREAM_RATE = Integer.getInteger("quota.scale.rate", 1_000);
    private static final int TERRITORIES = 40;
    private static final int DAYS = 30;
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 6, 1);
    private static final String[] EXTRA = {"kpi-service-2", "kpi-service-3"};

    @AfterAll
    static void stopExtraInstances() {
        for (String name : EXTRA) {
            SharedSuite.get().stopInstance(name);
        }
    }

    @Test
    @Order(1)
    void ingestThroughputWithOneTwoAndThreeInstances() throws Exception {
        LocalSuite suite = SharedSuite.get();
        Map<Integer, Double> rates = new LinkedHashMap<>();
        for (int instances = 1; instances <= 3; instances++) {
            if (instances > 1) {
                suite.startInstance(Service.KPI, EXTRA[instances - 2]);
            }
            Stream stream = new Stream("SB" + instances + UUID.randomUUID().toString().substring(0, 4));
            long start = System.nanoTime();
            stream.send(suite, BENCH_ACTUALS, Integer.MAX_VALUE, new AtomicInteger());
            stream.awaitStored(suite, Duration.ofMinutes(20));
            double seconds = (System.nanoTime() - start) / 1e9;
            rates.put(instances, BENCH_ACTUALS / seconds);
            log(String.format("BENCHMARK scale-out instances=%d actuals=%d seconds=%.1f rate=%.0f/s load=%s", instances,
                    BENCH_ACTUALS, seconds, BENCH_ACTUALS / seconds, load()));
        }
        StringBuilder side = new StringBuilder("BENCHMARK scale-out side by side:");
        rates.forEach((n, r) -> side.append(String.format(" %d=%.0f/s", n, r)));
        log(side.toString());
    }

    @Test
    @Order(2)
    void threeInstancesShareTheStreamAndAKilledOneLosesAndDoublesNothing() throws Exception {
        LocalSuite suite = SharedSuite.get();
        for (String name : EXTRA) {
            suite.stopInstance(name);
            suite.startInstance(Service.KPI, name);
        }
        Stream stream = new Stream("SO" + UUID.randomUUID().toString().substring(0, 6));
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                stream.send(suite, STREAM_ACTUALS, STREAM_RATE, sent);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "scale-out-producer");
        producer.start();

        await().atMost(Duration.ofMinutes(30)).until(() -> sent.get() >= STREAM_ACTUALS / 3 || failure.get() != null);
        log("SIGKILL " + EXTRA[1] + " at " + sent.get() + " sent");
        suite.killInstance(EXTRA[1]);
        await().atMost(Duration.ofMinutes(30)).until(() -> sent.get() >= STREAM_ACTUALS / 2 || failure.get() != null);
        suite.startInstance(Service.KPI, EXTRA[1]);
        log(EXTRA[1] + " back at " + sent.get() + " sent");

        producer.join(TimeUnit.MINUTES.toMillis(30));
        if (failure.get() != null) {
            throw new AssertionError("producer failed", failure.get());
        }
        Map<String, Long> stored = stream.awaitStored(suite, Duration.ofMinutes(10));
        assertEquals(stream.expected.size(), stored.size(), "nodes");
        for (var e : stream.expected.entrySet()) {
            assertEquals(e.getValue(), stored.get(e.getKey()), "node " + e.getKey());
        }
        log("scale-out: " + stream.expected.size() + " nodes exact to the cent after a SIGKILL of one of three instances");
    }

    /** Actuals of one run (territories named after it), with the cents each node must end with; 5% sent twice. */
    private static final class Stream {
        final String run;
        final Map<String, Long> expected = new TreeMap<>();

        Stream(String run) {
            this.run = run;
        }

        void send(LocalSuite suite, int count, int perSecond, AtomicInteger sent) throws InterruptedException {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            Random random = new Random(run.hashCode());
            long started = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
                for (int i = 0; i < count; i++) {
                    String territory = run + "-T" + random.nextInt(TERRITORIES);
                    LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
                    long cents = 1 + random.nextInt(1_000_000);
                    ActualRecorded a = new ActualRecorded(UUID.randomUUID(), Instant.now(), 1, Metric.REVENUE,
                            BigDecimal.valueOf(cents, 2), "CNY", day, null, territory, null, null, null, null, null,
                            "scale-out", null);
                    expected.merge(territory + "|" + day, cents, Long::sum);
                    ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACTUALS, a.key(),
                            EventJson.write(a));
                    producer.send(record);
                    if (i % 20 == 0) {
                        producer.send(record); // an at-least-once upstream: counted once
                    }
                    sent.incrementAndGet();
                    long wait = started + (long) i * 1_000_000_000L / perSecond - System.nanoTime();
                    if (perSecond != Integer.MAX_VALUE && wait > 1_000_000) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
                producer.flush();
            }
        }

        /** Waits until every node holds what was sent (or the time is up); returns what is stored. */
        Map<String, Long> awaitStored(LocalSuite suite, Duration limit) {
            AtomicReference<Map<String, Long>> stored = new AtomicReference<>(Map.of());
            try {
                await().atMost(limit).pollInterval(Duration.ofMillis(250)).until(() -> {
                    stored.set(stored(suite));
                    return stored.get().equals(expected);
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the caller's node-by-node comparison names what differs
            }
            return stored.get();
        }

        private Map<String, Long> stored(LocalSuite suite) throws Exception {
            Map<String, Long> stored = new TreeMap<>();
            try (Connection c = DriverManager.getConnection(suite.jdbcUrl(Service.KPI), suite.dbUsername(),
                    suite.dbPassword());
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select territory_id, business_date, sum(total) * 100 from territory_daily"
                         + " where territory_id like '" + run + "-%' group by territory_id, business_date")) {
                while (rs.next()) {
                    stored.put(rs.getString(1) + "|" + rs.getObject(2, LocalDate.class),
                            rs.getBigDecimal(3).longValueExact());
                }
            }
            return stored;
        }
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }
}
