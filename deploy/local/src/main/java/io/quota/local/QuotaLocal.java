package io.quota.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: {@code ./run-local.sh [--demo] [--data DIR]}. Starts PostgreSQL, Kafka and the four services
 * with their data in one folder (default {@code .quota-data/}, kept between runs), prints the URLs and runs until
 * Ctrl-C, which stops everything.
 */
public final class QuotaLocal {
    public static void main(String[] args) throws Exception {
        boolean demo = false;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--data" -> data = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: ./run-local.sh [--demo] [--data DIR]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: ./run-local.sh [--demo] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        Path root = LocalSuite.projectRoot();
        Path dataDir = data != null ? data.toAbsolutePath() : root.resolve(".quota-data");
        long started = System.nanoTime();
        System.out.println("Starting PostgreSQL, Kafka and the four Quota services (data in " + dataDir + ") ...");
        LocalSuite suite = LocalSuite.start(new LocalSuite.Options(dataDir, 15432, 19092, true, Map.of()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Quota ...");
            suite.close();
            stopped.countDown();
        }, "quota-local-stop"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Quota is up in %.1f s.%n%n", took.toMillis() / 1000.0);
        for (Service s : Service.values()) {
            System.out.printf("  %-21s %s   Swagger UI %s/q/swagger-ui   health %s/q/health   metrics %s/q/metrics%n",
                    s.module(), suite.url(s), suite.url(s), suite.managementUrl(s), suite.managementUrl(s));
        }
        System.out.printf("  %-21s %s%n", "PostgreSQL", suite.jdbcUrl(Service.KPI).replace("quota_kpi", "<db>"));
        System.out.printf("  %-21s %s%n", "Kafka", suite.kafkaBootstrapServers());
        System.out.println("  logs                  " + dataDir.resolve("logs"));
        java.util.Map<String, String> tokens = LocalTokens.mint(suite.tokens());
        Path tokenFile = LocalTokens.write(dataDir, tokens);
        System.out.println("\nBearer tokens (valid " + LocalTokens.LIFETIME.toHours() + " h) for each role; `source "
                + root.relativize(tokenFile) + "` sets them as shell variables:");
        tokens.forEach((name, token) -> System.out.printf("  %-9s %s%n", name, token));
        System.out.println("  more: ./mint-token.sh SUBJECT ROLE[,ROLE] [TERRITORY,...]");
        if (demo) {
            new DemoData(suite, tokens.get("ADMIN"), tokens.get("APPROVER")).load();
        }
        System.out.println("\nPress Ctrl-C to stop.");
        stopped.await();
    }

    private QuotaLocal() {
    }
}
