package org.caresignal.local.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A real PostgreSQL server from the zonky embedded binaries, holding one database and one role per
 * service; its data directory is reused across restarts unless it is null.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Map<String, String> serverConfig;
    private volatile EmbeddedPostgres postgres;

    private PostgresServer(
            Path dataDir, int port, Map<String, String> serverConfig, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.serverConfig = serverConfig;
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDir where the cluster lives, kept between runs; null for a throw-away one
     * @param port the port, or 0 for any free port
     */
    public static PostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Starts PostgreSQL with server settings of {@code postgresql.conf} added (e.g. {@code
     * shared_preload_libraries}).
     */
    public static PostgresServer start(Path dataDir, int port, Map<String, String> serverConfig) {
        int chosen = port == 0 ? KafkaBroker.freePort() : port;
        var config = Map.copyOf(serverConfig);
        return new PostgresServer(dataDir, chosen, config, launch(dataDir, chosen, config));
    }

    private static EmbeddedPostgres launch(
            Path dataDir, int port, Map<String, String> serverConfig) {
        try {
            var builder = EmbeddedPostgres.builder().setPort(port);
            serverConfig.forEach(builder::setServerConfig);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        }
    }

    /**
     * Stops the server (a fast shutdown: open connections are cut) and keeps its data directory, so
     * that {@link #startAgain()} brings the same databases back on the same port; for tests of a
     * database outage.
     */
    public synchronized void stop() {
        if (dataDir == null) {
            throw new IllegalStateException(
                    "a throw-away PostgreSQL cannot be stopped and restarted");
        }
        closeServer();
    }

    /** Starts the server stopped by {@link #stop()} again, on its port and data directory. */
    public synchronized void startAgain() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        postgres = launch(dataDir, port, serverConfig);
    }

    public int port() {
        return port;
    }

    /**
     * Creates the database and its owning role (password equal to the name: this server only
     * listens on loopback) unless they exist.
     */
    public void ensureDatabase(String name) {
        try (var connection = postgres.getPostgresDatabase().getConnection()) {
            ensureDatabase(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /**
     * Drops the database if it exists, closing its connections (its role stays); {@link
     * #ensureDatabase(String)} makes it again, empty.
     */
    public void dropDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name, e);
        }
    }

    /** Creates database {@code name} owned by role {@code name}, through a superuser connection. */
    static void ensureDatabase(Connection superuser, String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (var statement = superuser.createStatement()) {
            try (var rs =
                    statement.executeQuery(
                            "select 1 from pg_roles where rolname = '" + name + "'")) {
                if (!rs.next()) {
                    statement.execute("create role " + name + " login password '" + name + "'");
                }
            }
            try (var rs =
                    statement.executeQuery(
                            "select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) {
                    statement.execute("create database " + name + " owner " + name);
                }
            }
        }
    }

    /** A connection to the {@code postgres} database as the superuser; the caller closes it. */
    public Connection superuser() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            closeServer();
        }
    }

    private void closeServer() {
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL", e);
        }
    }
}
