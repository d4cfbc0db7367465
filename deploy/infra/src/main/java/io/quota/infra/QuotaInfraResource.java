package io.quota.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real PostgreSQL and Kafka for {@code @QuarkusTest} classes:
 * {@code @WithTestResource(QuotaInfraResource.class)}, optionally with init arg {@code database}
 * (default {@code quota}) naming the service's own database.
 * <p>
 * One PostgreSQL and one broker per JVM, started by the first test class that needs them and
 * shared by every later one, through app restarts too; JVM shutdown hooks stop them. Quarkus loads
 * this class again in each restarted application's class loader, so the running instances are
 * announced through system properties (which every class loader sees), not static fields alone.
 */
public class QuotaInfraResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    static final String KAFKA_PROPERTY = "quota.infra.kafka.bootstrap-servers";
    static final String POSTGRES_PORT_PROPERTY = "quota.infra.postgres.port";
    static final String JWT_DIR_PROPERTY = "quota.infra.jwt.dir";

    private static final System.Logger LOG = System.getLogger(QuotaInfraResource.class.getName());

    // a string literal is one interned object in the whole JVM, whatever class loader loads this class
    private static final Object JVM_WIDE_LOCK = "io.quota.infra.QuotaInfraResource";

    private String database = "quota";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, database);
    }

    @Override
    public Map<String, String> start() {
        createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", username(),
                "quarkus.datasource.password", password(),
                "kafka.bootstrap.servers", bootstrapServers(),
                "mp.jwt.verify.publickey.location", tokens().publicKeyLocation(),
                "mp.jwt.verify.issuer", Tokens.ISSUER);
    }

    /** This JVM's signing key pair (a temporary folder, shared by every class loader through a system property). */
    public static Tokens tokens() {
        synchronized (JVM_WIDE_LOCK) {
            String dir = System.getProperty(JWT_DIR_PROPERTY);
            if (dir == null) {
                try {
                    java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("quota-jwt-");
                    tmp.toFile().deleteOnExit();
                    dir = tmp.toString();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                System.setProperty(JWT_DIR_PROPERTY, dir);
            }
            return Tokens.inFolder(java.nio.file.Path.of(dir));
        }
    }

    /** A bearer token valid for an hour with the given roles and no territory scope. */
    public static String token(String subject, String... roles) {
        return tokens().mint(subject, java.util.List.of(roles), java.util.List.of(), java.time.Duration.ofHours(1));
    }

    /** A bearer token valid for an hour with the given roles, scoped to the given territory subtrees. */
    public static String scopedToken(String subject, java.util.List<String> territories, String... roles) {
        return tokens().mint(subject, java.util.List.of(roles), territories, java.time.Duration.ofHours(1));
    }

    @Override
    public void stop() {
        // nothing: the next test class reuses them; the shutdown hooks stop them with the JVM
    }

    /** Starts PostgreSQL and Kafka unless this JVM runs them already. */
    public static void ensureStarted() {
        synchronized (JVM_WIDE_LOCK) {
            if (System.getProperty(KAFKA_PROPERTY) != null && System.getProperty(POSTGRES_PORT_PROPERTY) != null) {
                return;
            }
            // first logging in this thread, before forking: JUL / JBoss LogManager initialisation racing
            // in two threads deadlocked (class-init lock against LogManager lock)
            LOG.log(System.Logger.Level.INFO, "starting PostgreSQL and Kafka for this JVM");
            long started = System.nanoTime();
            // the broker is another process: let it boot while PostgreSQL does
            CompletableFuture<LocalKafka> broker = CompletableFuture.supplyAsync(
                    () -> LocalKafka.start(null, 0), r -> new Thread(r, "local-kafka-start").start());
            LocalPostgres postgres;
            try {
                postgres = LocalPostgres.start(null, 0);
            } catch (RuntimeException e) {
                broker.thenAccept(LocalKafka::close);
                throw e;
            }
            LocalKafka kafka;
            try {
                kafka = broker.join();
            } catch (CompletionException e) {
                postgres.close();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            kafka.createQuotaTopics();
            // from here on nothing closes them: their shutdown hooks stop them and delete their temporary data
            System.setProperty(POSTGRES_PORT_PROPERTY, Integer.toString(postgres.port()));
            System.setProperty(KAFKA_PROPERTY, kafka.bootstrapServers());
            LOG.log(System.Logger.Level.INFO, "PostgreSQL on port {0}, Kafka at {1}, ready in {2} ms",
                    Integer.toString(postgres.port()), kafka.bootstrapServers(),
                    Long.toString((System.nanoTime() - started) / 1_000_000));
        }
    }

    public static String bootstrapServers() {
        ensureStarted();
        return System.getProperty(KAFKA_PROPERTY);
    }

    public static String jdbcUrl(String database) {
        return LocalPostgres.jdbcUrl(postgresPort(), database);
    }

    public static String username() {
        return LocalPostgres.USER;
    }

    public static String password() {
        return LocalPostgres.PASSWORD;
    }

    public static void createDatabaseIfMissing(String database) {
        LocalPostgres.createDatabaseIfMissing(postgresPort(), database);
    }

    private static int postgresPort() {
        ensureStarted();
        return Integer.parseInt(System.getProperty(POSTGRES_PORT_PROPERTY));
    }
}
