package io.quota.notification.bench;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.DriftState;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.Figures;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.WorkCalendar;
import io.quota.infra.QuotaInfraResource;
import io.quota.notification.domain.WebhookSignature;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drift events at a steady rate (default 1,000/s for 10 s; -Dbench.rate, -Dbench.seconds), each matching 3 webhook
 * subscriptions, delivered to one local receiver that checks every signature and counts every (event,
 * subscription) pair. Prints the event-to-delivery latency (publish to Kafka -> request at the receiver) and the
 * counts proving no delivery lost or doubled. Asserts the counts, never the timing. The same load runs first for
 * -Dbench.warmup-seconds (default 10; 0 for a cold run), delivered and counted apart, so the figures are those of a
 * warm service.
 * <p>
 * {@code ./mvnw -o -f notification-service/pom.xml verify -Pbench -Dtest=DeliveryBenchmarkTest}
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class DeliveryBenchmarkTest {
    static final String PLANNER = QuotaInfraResource.token("bench", "planner");
    static final int SUBSCRIPTIONS = 3;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void driftEventsFanOutToThreeWebhooksEach() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 10);
        String plan = "BENCH-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        Map<String, Integer> pairs = new ConcurrentHashMap<>();
        Map<String, Long> warmupIds = new ConcurrentHashMap<>();
        Map<String, Integer> warmupPairs = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong badSignatures = new AtomicLong();
        Map<String, String> secrets = new ConcurrentHashMap<>();

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            long at = System.currentTimeMillis();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String event = exchange.getRequestHeaders().getFirst("X-Quota-Event-Id");
            String subscription = exchange.getRequestURI().getPath().substring(1);
            String secret = secrets.get(subscription);
            if (secret == null || !WebhookSignature.verify(secret,
                    Long.parseLong(exchange.getRequestHeaders().getFirst("X-Quota-Timestamp")), body,
                    exchange.getRequestHeaders().getFirst("X-Quota-Signature"), Instant.now().getEpochSecond())) {
                badSignatures.incrementAndGet();
            }
            if (warmupIds.containsKey(event)) {
                warmupPairs.merge(event + "/" + subscription, 1, Integer::sum);
            } else if (pairs.merge(event + "/" + subscription, 1, Integer::sum) == 1) {
                Long sent = publishedAt.get(event);
                if (sent != null) {
                    latencies.add(at - sent);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName(),
                "linger.ms", "2", "acks", "all"))) {
            PlanPublished published = new PlanPublished(UUID.randomUUID(), Instant.now(), 1, plan, 1, "Benchmark plan",
                    TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY", LocalDate.parse("2027-01-01"),
                    LocalDate.parse("2027-12-31"), "Asia/Shanghai", WorkCalendar.mondayToFriday(),
                    DriftPolicy.defaults(), 12, new BigDecimal("1200000.00"));
            send(producer, published.topic(), plan, EventJson.write(published), published.ceType());
            // the path names the subscription, so the receiver knows whose secret signs it
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                String name = "bench-" + i;
                Map<String, Object> body = subscription(name,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + name, plan);
                // 422 until the plan replica has the plan
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    var answer = given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(body)
                            .post("/api/subscriptions").then().extract();
                    if (answer.statusCode() == 201) {
                        secrets.put(name, answer.jsonPath().getString("secret"));
                    }
                    return answer.statusCode() == 201;
                });
            }

            long drainLimit = Long.getLong("bench.drain-seconds", 600);
            // warm-up: the same load first (JIT compilation, connection pools, caches), counted apart; 0 s: a cold run
            int warmup = rate * Integer.getInteger("bench.warmup-seconds", 10);
            publishPaced(producer, plan, warmup, rate, warmupIds);
            double warmupDrained = drain(warmupPairs, warmup * SUBSCRIPTIONS, drainLimit);

            int total = rate * seconds;
            double[] cpuBefore = cpuSeconds(jdbcUrl);
            double sendSeconds = publishPaced(producer, plan, total, rate, publishedAt);
            int expected = total * SUBSCRIPTIONS;
            // no timing is asserted: when the drain takes too long, the figures so far are printed and the counts fail
            double drainSeconds = drain(pairs, expected, drainLimit);
            double[] cpuAfter = cpuSeconds(jdbcUrl);
            // a doubled delivery would show up late: give stragglers a moment before counting
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);

            long received = pairs.values().stream().mapToLong(Integer::longValue).sum();
            long doubled = pairs.values().stream().filter(n -> n > 1).count();
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            System.out.printf("BENCHMARK notification events=%d rate=%d/s seconds=%d subscriptions=%d "
                            + "sent_in=%.1fs drained_after=%.1fs deliveries_expected=%d received_requests=%d "
                            + "distinct_pairs=%d doubled=%d missing=%d bad_signatures=%d latency_ms p50=%d p90=%d p95=%d "
                            + "p99=%d max=%d load=%s%n"
                            + "BENCHMARK notification warmup_events=%d warmup_deliveries=%d warmup_drained_after=%.1fs%n"
                            + "BENCHMARK notification cpu_s test_jvm=%.1f postgres+broker=%.1f cpu_ms_per_delivery=%.2f%n",
                    total, rate, seconds, SUBSCRIPTIONS, sendSeconds, drainSeconds, expected, received, pairs.size(),
                    doubled, expected - pairs.size(), badSignatures.get(), pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 95), pct(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), load(),
                    warmup, warmupPairs.size(), warmupDrained, cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1],
                    (cpuAfter[0] - cpuBefore[0] + cpuAfter[1] - cpuBefore[1]) * 1000 / Math.max(1, received));
            assertEquals(expected, pairs.size(), "every (event, subscription) delivered");
            assertEquals(0, doubled, "nothing delivered twice");
            assertEquals(0, badSignatures.get());
        } finally {
            receiver.stop(0);
        }
    }

    /** Publishes {@code count} drift events at {@code rate}/s (event i leaves at start + i / rate); returns the seconds taken. */
    private static double publishPaced(KafkaProducer<String, String> producer, String plan, int count, int rate,
                                       Map<String, Long> publishedAt) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + (long) i * 1_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            DriftDetected e = drift(plan, i);
            publishedAt.put(e.eventId().toString(), System.currentTimeMillis());
            send(producer, Topics.DRIFT, e.nodeKey(), EventJson.write(e), e.ceType());
        }
        producer.flush();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until {@code expected} distinct pairs arrived or the limit passed; returns the seconds waited. */
    private static double drain(Map<String, Integer> pairs, int expected, long limitSeconds) {
        long started = System.nanoTime();
        while (pairs.size() < expected && System.nanoTime() - started < limitSeconds * 1_000_000_000L) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static Map<String, Object> subscription(String name, String address, String plan) {
        return Map.of("name", name, "channel", "WEBHOOK", "address", address, "locale", "en",
                "filter", Map.of("plans", List.of(plan)));
    }

    private static DriftDetected drift(String plan, int i) {
        return new DriftDetected(UUID.randomUUID(), Instant.now(), 1,
                plan + "~territory=T" + (i % 500) + "~2027-03-01..2027-03-31", plan, 1, Metric.REVENUE, "CNY",
                i % 2 == 0 ? DriftState.WARNING : DriftState.CRITICAL, DriftState.ON_TRACK,
                new Figures(new BigDecimal("1000000.00"), new BigDecimal("280000.00"), new BigDecimal("456451.61"),
                        new BigDecimal("0.28"), new BigDecimal("0.6134"), new BigDecimal("613400.00"),
                        LocalDate.parse("2027-03-14")));
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value, String type) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
        r.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        producer.send(r);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * CPU seconds used so far by this JVM (the service, the receiver and the producer) and by its descendants (the
     * embedded PostgreSQL and the Kafka broker): the work per delivery, which a shared machine's load does not change
     * the way it changes the latency.
     */
    private static double[] cpuSeconds(String jdbcUrl) {
        double self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        // the embedded PostgreSQL detaches from this JVM: find its postmaster by the port the datasource uses
        String port = " -p " + java.net.URI.create(jdbcUrl.substring("jdbc:".length())).getPort() + " ";
        java.util.stream.Stream<ProcessHandle> postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(port)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()));
        double children = java.util.stream.Stream.concat(ProcessHandle.current().descendants(), postgres).distinct()
                .mapToDouble(p -> {
            try {
                // utime and stime (fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command), in ticks
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (Exception e) {
                return 0; // ended meanwhile, or not Linux
            }
                }).sum();
        return new double[]{self, children};
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replace(' ', '/');
        } catch (Exception e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
