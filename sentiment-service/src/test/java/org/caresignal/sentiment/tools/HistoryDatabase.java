package org.caresignal.sentiment.tools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.caresignal.local.stack.PostgresServer;
import org.flywaydb.core.Flyway;

/**
 * The database of the history tools: a given JDBC URL, or the embedded PostgreSQL of the local run
 * on a data directory kept between runs (database and role {@code sentiment}); migrated by Flyway
 * from this module's migrations before use.
 */
final class HistoryDatabase implements AutoCloseable {

    final String jdbcUrl;
    final String user;
    final String password;
    private final PostgresServer server;

    private HistoryDatabase(String jdbcUrl, String user, String password, PostgresServer server) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.server = server;
    }

    /** From the options {@code --jdbc URL --user U --password P} or {@code --data-dir DIR}. */
    static HistoryDatabase open(Map<String, String> options) {
        var jdbc = options.get("jdbc");
        if (jdbc != null) {
            return new HistoryDatabase(
                    jdbc,
                    options.getOrDefault("user", "sentiment"),
                    options.getOrDefault("password", "sentiment"),
                    null);
        }
        var dataDir =
                Path.of(options.getOrDefault("data-dir", "../.data/history")).toAbsolutePath();
        dataDir.toFile().mkdirs();
        System.err.println("embedded PostgreSQL on " + dataDir);
        var server = PostgresServer.start(dataDir, 0);
        server.ensureDatabase("sentiment");
        return new HistoryDatabase(server.jdbcUrl("sentiment"), "sentiment", "sentiment", server);
    }

    /** Migrates, printing how long it took and which versions it applied (V12: minutes at 10M). */
    void migrate() {
        long started = System.nanoTime();
        var result =
                Flyway.configure()
                        .dataSource(jdbcUrl, user, password)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
        System.err.printf(
                java.util.Locale.ROOT,
                "migrated: %d migration(s) %s in %.0f s%n",
                result.migrationsExecuted,
                result.migrations.stream().map(m -> "V" + m.version).toList(),
                (System.nanoTime() - started) / 1e9);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** {@code --name value} pairs; a flag without a value is "true". */
    static Map<String, String> options(String[] args) {
        var options = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            var name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }
}
