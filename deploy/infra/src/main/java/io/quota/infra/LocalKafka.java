package io.quota.infra;

import io.quota.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running in its
 * own JVM from the classpath that module {@code deploy/kafka-broker} copies to its
 * {@code target/lib}. A separate JVM because the broker (4.4.0) and the services' kafka-clients
 * (the Quarkus BOM's) are different versions that cannot share a classpath.
 * <p>
 * Data directory layout: {@code server.properties}, {@code kraft-logs/} (the topics and the
 * metadata log), {@code broker.log} (the broker's stdout and stderr; the previous run's is kept as
 * {@code broker.previous.log}), {@code launcher/} (see {@link BrokerLauncher}), {@code owner.pid}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalKafka.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final String HEAP = "-Xmx512m";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final String LIB_FROM_ROOT = "deploy/kafka-broker/target/lib";
    private static final String TEMP_PREFIX = "quota-kafka-";
    private static final String OWNER_FILE = "owner.pid";

    private final Process process;
    private final Path dataDir;
    private final boolean temporary;
    private final int port;
    private final Thread shutdownHook;
    private boolean stopped;

    private LocalKafka(Process process, Path dataDir, boolean temporary, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
        // close() is the normal way; the hook covers owners that never call it (shared test infra)
        this.shutdownHook = new Thread(this::stop, "local-kafka-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the broker and returns once it answers an admin request.
     *
     * @param dataDirOrNull where topics live; kept between starts. {@code null}: a temporary
     *                      directory, deleted on {@link #close()}
     * @param portOr0       the client (PLAINTEXT) port, 0 for a free one; the controller port is always a free one
     */
    public static LocalKafka start(Path dataDirOrNull, int portOr0) {
        Path lib = findLibDir();
        try {
            boolean temporary = dataDirOrNull == null;
            if (temporary) {
                deleteOrphanedTempDirs();
            }
            Path dir = temporary
                    ? Files.createTempDirectory(TEMP_PREFIX)
                    : Files.createDirectories(dataDirOrNull).toAbsolutePath();
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            int port = portOr0 != 0 ? portOr0 : freePort();
            int controllerPort = freePort();
            Path config = writeServerProperties(dir, port, controllerPort);
            Path log = dir.resolve("broker.log");
            if (Files.exists(log)) {
                Files.move(log, dir.resolve("broker.previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.exists(dir.resolve("kraft-logs/meta.properties"))) {
                format(lib, config, log);
            }
            List<String> command = javaCommand(lib, dir);
            // the watchdog main stops the broker when we die (see BrokerLauncher)
            command.addAll(List.of(BrokerLauncher.class.getName(),
                    Long.toString(ProcessHandle.current().pid()), "kafka.Kafka", config.toString()));
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LocalKafka kafka = new LocalKafka(process, dir, temporary, port);
            try {
                kafka.awaitReady();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's stdout and stderr. */
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    /**
     * Creates topics with replication factor 1; topics that exist already are left as they are.
     *
     * @param partitionsByName the topics to create
     * @param configsByName    topic configs (e.g. {@code cleanup.policy=compact}) by topic name;
     *                         may be empty or lack topics
     */
    public void createTopics(Map<String, Integer> partitionsByName, Map<String, Map<String, String>> configsByName) {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByName.forEach((name, partitions) -> topics.add(
                new NewTopic(name, partitions, (short) 1).configs(configsByName.getOrDefault(name, Map.of()))));
        try (Admin admin = admin()) {
            CreateTopicsResult result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /**
     * Every topic of DESIGN.md section 3 with its partitions, compaction or infinite retention, and its dead-letter
     * twin. Created up front: an idempotent producer's first send to a topic it auto-creates can loop on
     * NOT_LEADER / OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
     */
    public void createQuotaTopics() {
        Map<String, Integer> partitions = new java.util.HashMap<>(Topics.PARTITIONS);
        Map<String, Map<String, String>> configs = new java.util.HashMap<>();
        Topics.COMPACTED.forEach(t -> configs.put(t, Map.of("cleanup.policy", "compact")));
        Topics.RETAINED_FOREVER.forEach(t -> configs.put(t, Map.of("retention.ms", "-1")));
        Topics.PARTITIONS.keySet().forEach(t -> partitions.put(Topics.dlq(t), 3));
        createTopics(partitions, configs);
    }

    public void createTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions), Map.of());
    }

    /** Stops the broker gracefully (SIGTERM, then SIGKILL after 15 s); a temporary data directory is deleted. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; stop() is idempotent
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Kafka broker did not stop within {0}; killing it", STOP_TIMEOUT);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        // poll the port first: an admin client against a closed port logs a warning per attempt
        while (!accepts(port)) {
            checkRunningBefore(deadline);
            sleep(100);
        }
        try (Admin admin = admin()) {
            while (true) {
                checkRunningBefore(deadline);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get().isEmpty()) {
                        return;
                    }
                } catch (ExecutionException notYet) {
                    // broker still starting (e.g. not yet unfenced): try again
                }
                sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private void checkRunningBefore(long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker exited with code " + process.exitValue()
                    + "; end of " + logFile() + ":\n" + tail(logFile()));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka broker not ready within " + READY_TIMEOUT
                    + "; end of " + logFile() + ":\n" + tail(logFile()));
        }
    }

    /**
     * The broker's classpath: {@code -Dquota.kafka.lib}, else {@code deploy/kafka-broker/target/lib}
     * found upwards from {@code -Dquota.root} (set by the parent's surefire config) or the working directory.
     */
    static Path findLibDir() {
        String explicit = System.getProperty("quota.kafka.lib");
        if (explicit != null && !explicit.isBlank()) {
            Path lib = Path.of(explicit).toAbsolutePath();
            if (!hasBrokerJar(lib)) {
                throw new IllegalStateException("-Dquota.kafka.lib=" + lib + " holds no kafka_2.13-*.jar");
            }
            return lib;
        }
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("quota.root");
        if (root != null && !root.isBlank()) {
            starts.add(Path.of(root).toAbsolutePath().normalize());
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path lib = dir.resolve(LIB_FROM_ROOT);
                if (hasBrokerJar(lib)) {
                    return lib;
                }
            }
        }
        throw new IllegalStateException("Kafka broker classpath not found: no " + LIB_FROM_ROOT
                + " in or above " + starts + ". Build that module first (./mvnw -f deploy/kafka-broker/pom.xml package)"
                + " or point -Dquota.kafka.lib at a directory with the broker's jars.");
    }

    private static boolean hasBrokerJar(Path lib) {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path writeServerProperties(Path dir, int port, int controllerPort) throws IOException {
        String logDirs = dir.resolve("kraft-logs").toString().replace('\\', '/');
        String properties = String.join("\n",
                "# written by io.quota.infra.LocalKafka on every start (ports change)",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDirs,
                // one node: every internal topic at replication 1
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // fewer internal partitions than the default 50: faster first consumer group / transaction
                "offsets.topic.num.partitions=10",
                "transaction.state.log.num.partitions=10",
                // tests start consumers one by one: no 3 s wait for more members before the first assignment
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "");
        Path file = dir.resolve("server.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    /** KRaft storage must be formatted once, with a cluster id, before the first start. */
    private static void format(Path lib, Path config, Path log) throws IOException {
        List<String> command = javaCommand(lib, config.getParent());
        // no --standalone: the voter set comes from controller.quorum.voters
        command.addAll(List.of("kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage timed out; end of " + log + ":\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed; end of " + log + ":\n" + tail(log));
        }
    }

    /** {@code java} with the broker's classpath and logging config, up to (not including) the main class. */
    private static List<String> javaCommand(Path lib, Path dataDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-Djava.awt.headless=true"));
        Path log4j = lib.resolveSibling("config").resolve("log4j2.xml");
        if (Files.exists(log4j)) {
            command.add("-Dlog4j2.configurationFile=" + log4j);
        } else {
            LOG.log(System.Logger.Level.WARNING, "{0} missing: the broker will log errors only", log4j);
        }
        // the broker's classpath holds none of our jars: put the one JDK-only class it needs beside its data
        Path launcherDir = dataDir.resolve("launcher");
        Path launcherClass = launcherDir.resolve(BrokerLauncher.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(launcherClass.getParent());
        try (InputStream in = BrokerLauncher.class.getResourceAsStream(BrokerLauncher.class.getSimpleName() + ".class")) {
            Files.copy(in, launcherClass, StandardCopyOption.REPLACE_EXISTING);
        }
        command.addAll(List.of("-cp", lib.resolve("*") + File.pathSeparator + launcherDir));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last 8 KB or so of a log, for error messages. */
    static String tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - 8192);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            String tail = new String(bytes, StandardCharsets.UTF_8);
            // start at a whole line
            return start == 0 ? tail : tail.substring(tail.indexOf('\n') + 1);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Temporary data of JVMs that died without running their shutdown hooks (kill -9): their broker is gone too. */
    private static void deleteOrphanedTempDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.filter(d -> d.getFileName().toString().startsWith(TEMP_PREFIX))
                    .filter(d -> ownerIsGone(d.resolve(OWNER_FILE)))
                    .forEach(LocalKafka::deleteRecursively);
        }
    }

    private static boolean ownerIsGone(Path ownerFile) {
        try {
            long pid = Long.parseLong(Files.readString(ownerFile).trim());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false; // not written yet (just created) or not ours: leave it
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + dir, e);
        }
    }
}
