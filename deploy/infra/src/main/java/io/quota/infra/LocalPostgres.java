package io.quota.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.Driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from the zonky embedded binaries, for tests and the local run.
 * Authentication is {@code trust} on 127.0.0.1, so the password is only there for clients that
 * insist on one.
 */
public final class LocalPostgres implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    // names go into CREATE DATABASE unquoted: plain lowercase identifiers only
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDirOrNull where the cluster lives; kept between starts. {@code null}: a temporary
     *                      directory, deleted on {@link #close()}
     * @param portOr0       the port to listen on, 0 for a free one
     */
    public static LocalPostgres start(Path dataDirOrNull, int portOr0) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(portOr0)
                // zonky's own hook stops the server if our owner never calls close()
                .setRegisterShutdownHook(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // the local run puts four services with their own pools on one server: headroom over the default 100
                .setServerConfig("max_connections", "300");
        if (dataDirOrNull != null) {
            try {
                Files.createDirectories(dataDirOrNull);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create PostgreSQL data directory " + dataDirOrNull, e);
            }
            // initdb runs only when the directory holds no cluster yet; never wipe it
            builder.setDataDirectory(dataDirOrNull).setCleanDataDirectory(false);
        }
        try {
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start"
                    + (dataDirOrNull == null ? "" : " (data directory " + dataDirOrNull + ")"), e);
        }
    }

    /** Creates the database unless it exists already (CREATE DATABASE has no IF NOT EXISTS). */
    public void createDatabaseIfMissing(String name) {
        createDatabaseIfMissing(port(), name);
    }

    /** Also for callers that only know the port (see {@link QuotaInfraResource}). */
    static void createDatabaseIfMissing(int port, String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DB_NAME + ": " + name);
        }
        try (Connection c = connect(jdbcUrl(port, "postgres"));
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                // another JVM sharing this server created it between our check and our create
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    // the driver directly, not DriverManager: DriverManager rejects drivers of other class loaders (Quarkus tests)
    private static Connection connect(String url) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        return new Driver().connect(url, credentials);
    }

    static String jdbcUrl(int port, String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    public String jdbcUrl(String db) {
        return jdbcUrl(port(), db);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Stops the server (fast shutdown); a temporary data directory is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
