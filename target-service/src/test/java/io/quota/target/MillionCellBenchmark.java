package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Topics;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.quota.target.Callers.asApprover;
import static io.quota.target.Callers.asPlanner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 4's performance figures (not a timed test; run with -Pbench, which gives the JVM -Xmx1g): a plan of
 * 500 territories x 20 product lines x 4 channels x 25 months = 1,000,000 cells decomposed, stored (COPY) and
 * queued (one outbox row) through the REST API; then the relay's rate publishing its TargetAllocated events.
 * <pre>./mvnw -o -f target-service/pom.xml verify -Pbench -Dtest=MillionCellBenchmark</pre>
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class MillionCellBenchmark {
    static final int TERRITORIES = 500;
    static final int PRODUCT_LINES = 20;
    static final List<String> CHANNELS = List.of("ONLINE_STORE", "WEBSITE", "RETAIL_STORE", "DIRECT");
    static final int MONTHS = 25;
    static final long CELLS = (long) TERRITORIES * PRODUCT_LINES * CHANNELS.size() * MONTHS;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    @Test
    void aMillionCells() throws Exception {
        List<String> territories = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into territories (territory_id, parent_id, type, status, potential, changed_at, event_id)
                values (?, null, 'GEOGRAPHIC', 'ACTIVE', 1000, now(), gen_random_uuid()) on conflict do nothing""")) {
            for (int i = 0; i < TERRITORIES; i++) {
                String id = String.format("B-T%03d", i);
                territories.add(id);
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch(); // the replica's table written directly: setting up, not what is measured
        }
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCT_LINES; i++) {
            products.add("PL-" + i);
        }
        String body = """
                {"id":"BENCH-1M","name":"a million cells","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "periodStart":"2027-01-01","periodEnd":"2029-01-31","timeZone":"Asia/Shanghai","total":"987654321098.76",
                 "levels":[{"dimension":"TERRITORY","method":"EQUAL","members":%s},
                           {"dimension":"PRODUCT_LINE","method":"EQUAL","members":%s},
                           {"dimension":"CHANNEL","method":"EQUAL","members":%s},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}"""
                .formatted(json(territories), json(products), json(CHANNELS));

        String loadBefore = load();
        resetHeapPeak();
        Cpu cpu0 = Cpu.now(postgresPort());
        long t0 = System.nanoTime();
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201)
                .body("versions[0].cellCount", equalTo((int) CELLS));
        double store = (System.nanoTime() - t0) / 1e9;
        long storeHeap = heapPeak();
        String loadAfterStore = load();
        Cpu cpu1 = Cpu.now(postgresPort());

        asPlanner().post("/api/plans/BENCH-1M/versions/1/submit").then().statusCode(200);
        long before = endOffsets();
        resetHeapPeak();
        long t1 = System.nanoTime();
        asApprover().post("/api/plans/BENCH-1M/versions/1/approve").then().statusCode(200);
        double queue = (System.nanoTime() - t1) / 1e9;
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> endOffsets() - before >= CELLS);
        double publish = (System.nanoTime() - t1) / 1e9;
        Cpu cpu2 = Cpu.now(postgresPort());
        System.out.printf("%nBENCHMARK cells=%d decompose+store=%.1fs approve(queue)=%.2fs publish-all=%.1fs"
                        + " relay-rate=%.0f events/s heap-max=%dMiB heap-peak-store=%dMiB heap-peak-publish=%dMiB"
                        + " load(1m) before=%s after-store=%s after-publish=%s%n%n",
                CELLS, store, queue, publish, CELLS / publish, Runtime.getRuntime().maxMemory() >> 20, storeHeap >> 20,
                heapPeak() >> 20, loadBefore, loadAfterStore, load());
        offsets.close();
        System.out.printf("BENCHMARK cpu-seconds store: %s; publish: %s%n%n", cpu1.minus(cpu0), cpu2.minus(cpu1));
    }

    /**
     * CPU seconds used so far by this JVM (the service), by the PostgreSQL server (its postmaster and backends)
     * and by the Kafka broker (a child JVM of this one): on a shared machine, what a phase costs whatever the load.
     */
    record Cpu(double service, double postgres, double kafka) {
        static Cpu now(int postgresPort) {
            double[] pg = new double[1];
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").matches(".*bin/postgres .*-p " + postgresPort + "( .*|$)"))
                    .forEach(postmaster -> {
                        pg[0] += seconds(postmaster.pid());
                        postmaster.descendants().forEach(b -> pg[0] += seconds(b.pid()));
                    });
            double kafka = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("kafka"))
                    .mapToDouble(p -> seconds(p.pid())).sum();
            return new Cpu(seconds(ProcessHandle.current().pid()), pg[0], kafka);
        }

        /** utime + stime of a process (and its waited-for children) in seconds, from /proc (Linux). */
        static double seconds(long pid) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }

        Cpu minus(Cpu o) {
            return new Cpu(service - o.service, postgres - o.postgres, kafka - o.kafka);
        }

        @Override
        public String toString() {
            return String.format("service %.1f s, postgres %.1f s, kafka %.1f s", service, postgres, kafka);
        }
    }

    private static void resetHeapPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Peak heap in use since the last reset: the sum of the heap pools' peaks (an upper bound). */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The machine's 1-minute load average: the CPU is shared, so figures are read against it. */
    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private int postgresPort() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)/").matcher(jdbcUrl);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private KafkaConsumer<String, String> offsets;

    /** The sum of the end offsets of quota.targets.v1 (one consumer, kept: polling must not cost the CPU it measures). */
    private long endOffsets() {
        if (offsets == null) {
            offsets = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName()));
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : offsets.partitionsFor(Topics.TARGETS)) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        return offsets.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static String json(List<String> ids) {
        return ids.stream().map(s -> "\"" + s + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }
}
