package io.quota.kpi.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.quota.kpi.application.IngestMetrics;
import io.quota.kpi.messaging.ActualsConsumer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sustained ingest, Kafka to committed aggregates, printed beside two ceilings measured in the same run on the
 * same data: Kafka's own ConsumerPerformance (kafka-tools) reading the same topic, and a plain pre-aggregated
 * PostgreSQL upsert of the same rows (no parsing, no dedupe). Prints figures; asserts only correctness.
 * Run: {@code ./mvnw -o -f kpi-service/pom.xml verify -Pbench -Dtest=IngestBenchmark}.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
@TestProfile(IngestBenchmark.HeldConsumers.class)
@Tag("benchmark")
class IngestBenchmark {
    /** The actuals consumers wait until the backlog is produced (a profile of its own: run this class alone). */
    public static class HeldConsumers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quota.actuals.enabled", "false");
        }
    }

    private static final int ACTUALS = Integer.getInteger("quota.bench.actuals", 500_000);
    private static final int BATCH = 5_000;

    @Inject
    IngestMetrics metrics;
    @Inject
    AgroalDataSource ds;
    @Inject
    ActualsConsumer consumer;

    @Test
    void ingestBesideItsCeilings() throws Exception {
        List<ActualRecorded> actuals = generate();
        long countedBefore = metrics.counted();

        // the whole backlog first, then the consumers (held at start-up by the profile) drain it: from Kafka to
        // committed aggregates, as ConsumerPerformance reads the same backlog, and without the producer in this
        // JVM competing for the cores while the ingest is timed
        long produceStart = System.nanoTime();
        produce(actuals);
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        long ingestStart = System.nanoTime();
        consumer.startPolling();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> metrics.counted() - countedBefore >= ACTUALS);
        double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
        assertEquals(ACTUALS, metrics.counted() - countedBefore);
        double ingestRate = ACTUALS / ingestSeconds;
        System.out.printf("BENCHMARK ingest actuals=%d produced-first=%.1fs ingest=%.1fs rate=%.0f/s consumers=%s%n",
                ACTUALS, produceSeconds, ingestSeconds, ingestRate,
                ConfigProvider.getConfig().getValue("quota.actuals.consumers", String.class));
        System.out.printf("BENCHMARK load %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

        double kafkaCeiling = consumerPerformance(ACTUALS);
        double pgCeiling = plainUpsert(actuals);

        System.out.printf("BENCHMARK ceiling kafka-consumer-perf=%.0f/s ratio=%.2f%n", kafkaCeiling,
                ingestRate / kafkaCeiling);
        System.out.printf("BENCHMARK ceiling postgres-preaggregated-upsert=%.0f/s ratio=%.2f%n", pgCeiling,
                ingestRate / pgCeiling);
        System.out.printf("BENCHMARK load %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** 200 territories x 90 days x 3 product lines, like a day of an ERP feed; values to the cent. */
    private static List<ActualRecorded> generate() {
        Random random = new Random(7);
        List<ActualRecorded> list = new ArrayList<>(ACTUALS);
        LocalDate first = LocalDate.of(2024, 1, 1);
        Instant now = Instant.now();
        for (int i = 0; i < ACTUALS; i++) {
            list.add(new ActualRecorded(UUID.randomUUID(), now, 1, Metric.REVENUE,
                    BigDecimal.valueOf(1 + random.nextInt(1_000_000), 2), "CNY", first.plusDays(random.nextInt(90)),
                    null, "BENCH-T" + random.nextInt(200), null, null, "B2B", "P" + random.nextInt(3), "DIRECT",
                    "bench", null));
        }
        return list;
    }

    private static void produce(List<ActualRecorded> actuals) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (ActualRecorded a : actuals) {
                producer.send(new ProducerRecord<>(Topics.ACTUALS, a.key(), EventJson.write(a)));
            }
            producer.flush();
        }
    }

    /** Kafka's ConsumerPerformance reading as many records of the same topic, in its own JVM; records/s. */
    private static double consumerPerformance(int messages) throws Exception {
        Path root = Path.of(System.getProperty("quota.root", "..")).toAbsolutePath();
        Path tools = Path.of("target/bench-lib").toAbsolutePath();
        // the broker's jars: where the infrastructure took them from (-Dquota.kafka.lib), else the repository's build
        Path brokerLib = Path.of(System.getProperty("quota.kafka.lib",
                root.resolve("deploy/kafka-broker/target/lib").toString())).toAbsolutePath();
        String classpath = tools + "/*" + java.io.File.pathSeparator + brokerLib + "/*";
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-cp",
                classpath, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap(), "--topic",
                Topics.ACTUALS, "--messages", String.valueOf(messages), "--group", "bench-" + UUID.randomUUID(),
                "--command-property", "auto.offset.reset=earliest", "--command-property", "max.poll.records=5000")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ConsumerPerformance failed: " + String.join("\n", lines));
        }
        // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        String header = lines.stream().filter(l -> l.contains("nMsg.sec")).findFirst().orElseThrow();
        List<String> names = List.of(header.split(",\\s*"));
        // the figures are the next line with as many columns (the tool may log warnings in between)
        String values = lines.subList(lines.indexOf(header) + 1, lines.size()).stream()
                .filter(l -> l.split(",\\s*").length == names.size()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures in " + String.join("\n", lines)));
        return Double.parseDouble(values.split(",\\s*")[names.indexOf("nMsg.sec")]);
    }

    /**
     * The database alone: the same rows, pre-aggregated per batch of 5,000 (as the consumer does) and upserted
     * with unnest ... on conflict do update into a table shaped like territory_daily; rows/s.
     */
    private double plainUpsert(List<ActualRecorded> actuals) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // shaped like territory_daily, indexes and page fill (fillfactor) included, so both pay the same writes
            st.execute("create table if not exists bench_daily (like territory_daily including all) with (fillfactor = 80)");
            st.execute("truncate bench_daily");
        }
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into bench_daily (metric, unit, territory_id, business_date, industry, customer_type,
                                             product_line, channel, rep_named, total)
                    select m, u, t, d, '', ct, pl, ch, false, v from unnest(cast(? as text[]), cast(? as text[]),
                        cast(? as text[]), cast(? as date[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                        cast(? as numeric[])) as x(m, u, t, d, ct, pl, ch, v)
                    on conflict (metric, unit, territory_id, business_date, industry, customer_type, product_line,
                                 channel, rep_named)
                    do update set total = bench_daily.total + excluded.total""")) {
                for (int from = 0; from < actuals.size(); from += BATCH) {
                    Map<List<Object>, BigDecimal> sums = new HashMap<>();
                    for (ActualRecorded a : actuals.subList(from, Math.min(actuals.size(), from + BATCH))) {
                        sums.merge(List.of(a.metric().name(), a.unit(), a.territoryId(), a.businessDate().toString(),
                                a.customerType(), a.productLine(), a.channel()), a.value(), BigDecimal::add);
                    }
                    List<String[]> columns = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        columns.add(new String[sums.size()]);
                    }
                    int row = 0;
                    for (var e : sums.entrySet()) {
                        for (int i = 0; i < 7; i++) {
                            columns.get(i)[row] = (String) e.getKey().get(i);
                        }
                        columns.get(7)[row] = e.getValue().toPlainString();
                        row++;
                    }
                    for (int i = 0; i < 8; i++) {
                        ps.setObject(i + 1, columns.get(i));
                    }
                    ps.executeUpdate();
                    c.commit();
                }
            }
        }
        return actuals.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
