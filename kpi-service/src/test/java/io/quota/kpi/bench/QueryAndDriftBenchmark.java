package io.quota.kpi.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Read and alert latency: GET attainment of a region x quarter roll-up over a 1,000,000-cell plan at a fixed
 * 2,000 requests/s (latency measured from each request's scheduled time, so a stall is not hidden), and
 * ActualRecorded published -> DriftDetected on quota.drift.v1 at 1,000 events/s. Prints figures; asserts nothing
 * about time. Run: {@code ./mvnw -o -f kpi-service/pom.xml verify -Pbench -Dtest=QueryAndDriftBenchmark}.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
@Tag("benchmark")
class QueryAndDriftBenchmark {
    private static final String VIEWER = QuotaInfraResource.token("bench-viewer", Roles.VIEWER);
    private static final String ADMIN = QuotaInfraResource.token("bench-admin", Roles.ADMIN);
    private static final String CALENDAR = EventJson.write(io.quota.contracts.events.WorkCalendar.mondayToFriday());

    @jakarta.inject.Inject
    AgroalDataSource ds;

    @Test
    void attainmentOfARegionQuarterOverAMillionCells() throws Exception {
        // 20 x 50 x 84 x 12 months = 1,008,000 cells; -Dquota.bench.regions=2 for a quick run (100,800 cells)
        int regions = Integer.getInteger("quota.bench.regions", 20), leaves = 50, productLines = 84;
        long seeded = System.nanoTime();
        sql("insert into territory (territory_id, parent_id, type, status, occurred_at) "
                + "select 'QB-R' || r, null, 'REGION', 'ACTIVE', now() from generate_series(0, " + (regions - 1) + ") r");
        sql("insert into territory (territory_id, parent_id, type, status, occurred_at) "
                + "select 'QB-R' || r || '-L' || l, 'QB-R' || r, 'GEOGRAPHIC', 'ACTIVE', now() "
                + "from generate_series(0, " + (regions - 1) + ") r, generate_series(0, " + (leaves - 1) + ") l");
        copyCells(regions, leaves, productLines);
        sql("""
                insert into plan_version (plan_id, version, name, metric, unit, period_start, period_end, time_zone,
                                          calendar, drift_policy, cell_count, published, arrived, status, activated_at,
                                          alert_levels)
                values ('QB-PLAN', 1, 'bench', 'REVENUE', 'CNY', '2027-01-01', '2027-12-31', 'Asia/Shanghai',
                        '%s', null,
                        (select count(*) from target_cell where plan_id = 'QB-PLAN'), true,
                        (select count(*) from target_cell where plan_id = 'QB-PLAN'), 'ACTIVE', now(),
                        -- drift watches the region x quarter roll-ups of this plan (the read path is measured here)
                        '["region,quarter"]')""".formatted(CALENDAR));
        sql("analyze target_cell");
        long cells = ((Number) one("select count(*) from target_cell where plan_id = 'QB-PLAN'")).longValue();
        double seedSeconds = (System.nanoTime() - seeded) / 1e9;

        String url = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class)
                + "/api/attainment?plan=QB-PLAN&territory=QB-R" + (regions / 2) + "&period=2027-Q2";
        given().auth().oauth2(VIEWER).get(url).then().statusCode(200); // warm up the path once
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + VIEWER).build();
        // JIT warm-up: up to 2,000 sequential requests, at most 30 s (a loaded machine must not eat the run)
        long warmStart = System.nanoTime();
        int warmed = 0;
        while (warmed < 2_000 && System.nanoTime() - warmStart < 30_000_000_000L) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
            warmed++;
        }
        System.out.printf("BENCHMARK attainment warm-up requests=%d sequential-mean=%.1fms%n", warmed,
                (System.nanoTime() - warmStart) / 1e6 / warmed);
        int rate = Integer.getInteger("quota.bench.rate", 2_000);
        int seconds = Integer.getInteger("quota.bench.seconds", 10), total = rate * seconds;
        // like wrk2: a fixed set of connections (one client thread each) takes requests as they fall due, and each
        // is timed from its due time, so a stall counts against every request it delays (no coordinated omission)
        int connections = Integer.getInteger("quota.bench.connections", 64);
        long[] latencies = new long[total];
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            HttpClient connection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Thread client = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    String failure = null;
                    try {
                        int status = connection.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        failure = status == 200 ? null : "status " + status;
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName();
                    }
                    latencies[i] = System.nanoTime() - due;
                    if (failure != null) {
                        failures.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }, "bench-client-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(10).toMillis());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("BENCHMARK attainment cells=%d seed=%.1fs region-quarter-cells=%s requests=%d target-rate=%d/s "
                        + "connections=%d achieved=%.0f/s p50=%.1fms p99=%.1fms max=%.1fms errors=%s%n", cells, seedSeconds,
                given().auth().oauth2(VIEWER).get(url).then().extract().path("cells"), total, rate, connections,
                total / elapsed, sorted[total / 2] / 1e6, sorted[(int) (total * 0.99)] / 1e6, sorted[total - 1] / 1e6,
                failures);
        System.out.printf("BENCHMARK load %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    @Test
    void actualRecordedToDriftDetected() throws Exception {
        int nodes = Integer.getInteger("quota.bench.drift-nodes", 3_000);
        int rate = Integer.getInteger("quota.bench.drift-rate", 1_000);
        // one cell per territory for March 2027; the clock stands at 2027-03-22, so 14 of 23 working days are owed
        sql("""
                insert into target_cell (plan_id, version, cell_key, territory_id, period_start, period_end, amount, unit)
                select 'DB-PLAN', 1, 'DB-PLAN~territory=DB-T' || i || '~2027-03-01..2027-03-31', 'DB-T' || i,
                       '2027-03-01', '2027-03-31', 100.00, 'CNY' from generate_series(0, %d) i""".formatted(nodes - 1));
        sql("""
                insert into plan_version (plan_id, version, name, metric, unit, period_start, period_end, time_zone,
                                          calendar, drift_policy, cell_count, published, arrived, status, activated_at)
                values ('DB-PLAN', 1, 'bench', 'COLLECTIONS', 'CNY', '2027-03-01', '2027-03-31', 'Asia/Shanghai',
                        '%s', null, %d, true, %d,
                        'ACTIVE', now())""".formatted(CALENDAR, nodes, nodes));
        given().auth().oauth2(ADMIN).contentType("application/json").body(Map.of("today", "2027-03-22"))
                .put("/api/admin/clock").then().statusCode(200);
        // every node on track first: 61 of an expected 60.87
        List<ActualRecorded> seeds = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            seeds.add(actual("DB-T" + i, "61.00", null));
        }
        try (KafkaProducer<String, String> producer = producer()) {
            seeds.forEach(a -> producer.send(record(a)));
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> ((Number) one(
                "select coalesce(sum(total), 0) from territory_daily where territory_id like 'DB-T%'")).intValue() == 61 * nodes);
        await().atMost(Duration.ofMinutes(5)).until(() -> ((Number) one("select count(*) from touched_day")).intValue() == 0
                && ((Number) one("select count(*) from outbox")).intValue() == 0);

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KafkaConsumer<String, String> drift = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap(),
                "group.id", "bench-" + UUID.randomUUID(), "auto.offset.reset", "latest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
             KafkaProducer<String, String> producer = producer()) {
            drift.subscribe(List.of(Topics.DRIFT));
            while (drift.assignment().isEmpty()) {
                drift.poll(Duration.ofMillis(100));
            }
            drift.seekToEnd(drift.assignment());
            drift.assignment().forEach(drift::position);
            // each reversal takes its node's actual to 0: CRITICAL, one DriftDetected
            long start = System.nanoTime();
            int sent = 0;
            while (latencies.size() < nodes && System.nanoTime() - start < Duration.ofMinutes(3).toNanos()) {
                long due = start + sent * (1_000_000_000L / rate);
                while (sent < nodes && System.nanoTime() >= due) {
                    ActualRecorded seed = seeds.get(sent);
                    sentAt.put("DB-PLAN~territory=DB-T" + sent + "~2027-03-01..2027-03-31", System.nanoTime());
                    producer.send(record(actual(seed.territoryId(), "-61.00", seed.eventId())));
                    sent++;
                    due = start + sent * (1_000_000_000L / rate);
                }
                for (ConsumerRecord<String, String> r : drift.poll(Duration.ofMillis(1))) {
                    Long at = sentAt.remove(r.key());
                    if (at != null && r.value().contains("\"state\":\"CRITICAL\"")) {
                        latencies.add(System.nanoTime() - at);
                    }
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("BENCHMARK drift events=%d rate=%d/s detected=%d p50=%.1fms p99=%.1fms max=%.1fms%n", nodes,
                rate, sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
        System.out.printf("BENCHMARK load %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /**
     * The plan's cells streamed in with COPY (the cheapest way into PostgreSQL; DESIGN.md section 8): every leaf
     * territory x product line x month of 2027, 1,000.00 each.
     */
    private void copyCells(int regions, int leaves, int productLines) throws Exception {
        java.util.Iterator<String> lines = new java.util.Iterator<>() {
            int r, l, p, m;

            @Override
            public boolean hasNext() {
                return r < regions;
            }

            @Override
            public String next() {
                String territory = "QB-R" + r + "-L" + l;
                LocalDate from = LocalDate.of(2027, m + 1, 1);
                LocalDate to = from.plusMonths(1).minusDays(1);
                String line = "QB-PLAN,1,QB-PLAN~territory=" + territory + "~productLine=P" + p + "~" + from + ".." + to
                        + "," + territory + ",P" + p + "," + from + "," + to + ",1000.00,CNY\n";
                if (++m == 12) {
                    m = 0;
                    if (++p == productLines) {
                        p = 0;
                        if (++l == leaves) {
                            l = 0;
                            r++;
                        }
                    }
                }
                return line;
            }
        };
        java.io.Reader reader = new java.io.Reader() {
            String pending = "";
            int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                int written = 0;
                while (written < length) {
                    if (at == pending.length()) {
                        if (!lines.hasNext()) {
                            return written == 0 ? -1 : written;
                        }
                        pending = lines.next();
                        at = 0;
                    }
                    int n = Math.min(length - written, pending.length() - at);
                    pending.getChars(at, at + n, buffer, offset + written);
                    at += n;
                    written += n;
                }
                return written;
            }

            @Override
            public void close() {
            }
        };
        try (Connection c = ds.getConnection()) {
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("""
                    copy target_cell (plan_id, version, cell_key, territory_id, product_line, period_start, period_end,
                                      amount, unit) from stdin (format csv)""", reader);
        }
    }

    private static ActualRecorded actual(String territory, String value, UUID reversalOf) {
        return new ActualRecorded(UUID.randomUUID(), Instant.now(), 1, Metric.COLLECTIONS, new BigDecimal(value), "CNY",
                LocalDate.of(2027, 3, 10), null, territory, null, null, null, null, null, "bench", reversalOf);
    }

    private static ProducerRecord<String, String> record(ActualRecorded a) {
        return new ProducerRecord<>(Topics.ACTUALS, a.key(), EventJson.write(a));
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private void sql(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Object one(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
