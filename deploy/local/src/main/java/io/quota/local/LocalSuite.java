package io.quota.local;

import io.quota.infra.LocalKafka;
import io.quota.infra.LocalPostgres;
import io.quota.infra.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite on one machine: a real PostgreSQL, a real Kafka broker (KRaft) and the four services, each
 * started as its own process from its built {@code target/quarkus-app}. Used by the run command and by the
 * end-to-end test. Closing it stops the services first (gracefully), then Kafka, then PostgreSQL.
 */
public final class LocalSuite implements AutoCloseable {
    /** Generous: on a loaded 2-core build machine a service can take minutes to start. */
    private static final Duration READY_TIMEOUT = Duration.parse(System.getProperty("quota.local.ready-timeout", "PT5M"));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path root;
    private final Path dataDir;
    private final LocalPostgres postgres;
    private LocalKafka kafka;
    private final Tokens tokens;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    /** Health and metrics: the built application serves them on its management interface (platform's defaults). */
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    /** Further instances of a service (same database, same consumer group), by name. */
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, String> extraProperties = new HashMap<>();
    private final Thread shutdownHook = new Thread(this::stopServices, "quota-suite-stop");

    /** Where to start and with what; ports of 0 are chosen free. */
    public record Options(Path dataDir, int postgresPort, int kafkaPort, boolean defaultServicePorts,
                          Map<String, String> extraProperties) {
    }

    private LocalSuite(Path root, Path dataDir, LocalPostgres postgres, LocalKafka kafka) {
        this.root = root;
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.tokens = Tokens.inFolder(dataDir.resolve("keys"));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static LocalSuite start(Options options) {
        Path root = projectRoot();
        for (Service s : Service.values()) {
            Path app = quarkusApp(root, s);
            if (!Files.isRegularFile(app)) {
                throw new IllegalStateException(app + " is missing: build first with ./mvnw -DskipTests install");
            }
        }
        createDirectories(options.dataDir());
        LocalPostgres postgres = LocalPostgres.start(options.dataDir().resolve("postgres"), options.postgresPort());
        LocalKafka kafka;
        try {
            kafka = LocalKafka.start(options.dataDir().resolve("kafka"), options.kafkaPort());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        LocalSuite suite = new LocalSuite(root, options.dataDir(), postgres, kafka);
        try {
            kafka.createQuotaTopics();
            for (Service s : Service.values()) {
                postgres.createDatabaseIfMissing(s.database());
                suite.ports.put(s, options.defaultServicePorts() ? s.defaultPort() : freePort());
                suite.managementPorts.put(s, options.defaultServicePorts() ? s.defaultPort() + 1000 : freePort());
            }
            suite.extraProperties.putAll(options.extraProperties());
            for (Service s : Service.values()) {
                suite.launch(s, options.extraProperties());
            }
            for (Service s : Service.values()) {
                suite.awaitReady(s);
            }
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void launch(Service s, Map<String, String> extra) {
        processes.put(s, launch(s, ports.get(s), managementPorts.get(s), logFile(s), extra));
    }

    private Process launch(Service s, int port, int managementPort, Path log, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.profile", "local");
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("quarkus.management.port", String.valueOf(managementPort));
        props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(s.database()));
        props.put("quarkus.datasource.username", postgres.username());
        props.put("quarkus.datasource.password", postgres.password());
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // target-service reads prior actuals from kpi-service (HISTORY weights, carry-forward) as role service
        props.put("quota.kpi.url", url(Service.KPI));
        props.put("quota.kpi.token", tokens.mint("target-service", List.of("service"), List.of(), Duration.ofDays(30)));
        props.put("mp.jwt.verify.publickey.location", tokens.publicKeyLocation());
        props.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        props.putAll(extra);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(quarkusApp(root, s).toString());
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + s.module(), e);
        }
    }

    private void awaitReady(Service s) {
        awaitReady(s.module(), managementUrl(s), processes.get(s), logFile(s));
    }

    /** Readiness is on the management interface (health and metrics live there in the built application). */
    private void awaitReady(String name, String managementUrl, Process p, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(managementUrl + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; log:\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + "; log:\n" + tail(log));
    }

    /** One more instance of a service, started by {@link #startInstance}. */
    private record Instance(Service service, int port, int managementPort, Process process) {
    }

    /**
     * Starts (or starts again, on its port) a further instance of a service: same database, broker and consumer
     * group, its own port and log ({@code logs/<name>.log}); waits until it is ready. Scale-out tests use it.
     */
    public void startInstance(Service s, String name) {
        Instance instance;
        synchronized (this) {
            Instance before = instances.get(name);
            if (before != null && before.process().isAlive()) {
                throw new IllegalStateException(name + " is running");
            }
            int port = before == null ? freePort() : before.port();
            int managementPort = before == null ? freePort() : before.managementPort();
            instance = new Instance(s, port, managementPort, launch(s, port, managementPort, instanceLog(name), extraProperties));
            instances.put(name, instance);
        }
        awaitReady(name, "http://localhost:" + instance.managementPort(), instance.process(), instanceLog(name));
    }

    /** SIGKILLs a further instance (as {@link #kill}); {@link #startInstance} starts it again. */
    public void killInstance(String name) {
        Instance i = instances.get(name);
        if (i != null) {
            stop(name, i.process(), true);
        }
    }

    /** Stops a further instance gracefully and forgets it. */
    public synchronized void stopInstance(String name) {
        Instance i = instances.remove(name);
        if (i != null) {
            stop(name, i.process(), false);
        }
    }

    private static void stop(String name, Process p, boolean kill) {
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping " + name, e);
        }
    }

    private Path instanceLog(String name) {
        return dataDir.resolve("logs").resolve(name + ".log");
    }

    /**
     * Kills a service the hard way (SIGKILL: no shutdown hook, no graceful close, transactions cut mid-flight), as a
     * crash or an OOM kill would, and waits until it is gone.
     */
    public synchronized void kill(Service s) {
        Process p = processes.remove(s);
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(s.module() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted killing " + s.module(), e);
        }
    }

    /** Starts a stopped (or killed) service again on its port with its properties, and waits until it is ready. */
    public void restart(Service s) {
        synchronized (this) {
            if (processes.containsKey(s)) {
                throw new IllegalStateException(s.module() + " is running");
            }
            launch(s, extraProperties);
        }
        awaitReady(s);
    }

    /**
     * Restarts the Kafka broker on the same port and data directory (a graceful stop, as in a rolling restart):
     * topics, offsets and committed records survive; clients reconnect.
     */
    public synchronized void restartKafka() {
        int port = kafka.port();
        kafka.close();
        kafka = LocalKafka.start(dataDir.resolve("kafka"), port);
    }

    public String url(Service s) {
        return "http://localhost:" + ports.get(s);
    }

    /** Where the service serves /q/health and /q/metrics. */
    public String managementUrl(Service s) {
        return "http://localhost:" + managementPorts.get(s);
    }

    public int port(Service s) {
        return ports.get(s);
    }

    /** The suite's signing key pair: the services trust tokens it mints. */
    public Tokens tokens() {
        return tokens;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(Service s) {
        return postgres.jdbcUrl(s.database());
    }

    public String dbUsername() {
        return postgres.username();
    }

    public String dbPassword() {
        return postgres.password();
    }

    public Path logFile(Service s) {
        return dataDir.resolve("logs").resolve(s.module() + ".log");
    }

    @Override
    public void close() {
        stopServices();
        kafka.close();
        postgres.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running; stopServices is idempotent
        }
    }

    private synchronized void stopServices() {
        instances.values().forEach(i -> i.process().destroy());
        instances.values().forEach(i -> stop(i.service().module(), i.process(), false));
        instances.clear();
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    static Path projectRoot() {
        String configured = System.getProperty("quota.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/local")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from inside the Quota checkout (no deploy/local above " + start + ")");
    }

    private static Path quarkusApp(Path root, Service s) {
        return root.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dataDir) {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
