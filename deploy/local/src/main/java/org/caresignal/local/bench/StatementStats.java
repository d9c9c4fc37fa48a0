package org.caresignal.local.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What PostgreSQL spent its time on during a run, by statement, from {@code pg_stat_statements}
 * (the benchmark's {@code --statements N}): the server must preload the module, and the counters
 * cover every database of the server.
 */
final class StatementStats {

    /** The settings that make the server keep the statistics (nested statements too). */
    static final Map<String, String> SERVER_CONFIG =
            Map.of(
                    "shared_preload_libraries", "pg_stat_statements",
                    "pg_stat_statements.track", "all");

    /** A superuser connection to the server, opened per use. */
    @FunctionalInterface
    interface Superuser {
        Connection open() throws SQLException;
    }

    /** One statement's share of a run. */
    record Row(
            String database,
            long calls,
            double totalMs,
            long rows,
            boolean topLevel,
            String query) {}

    private static final int QUERY_CHARS = 160;

    private final Superuser superuser;

    StatementStats(Superuser superuser) {
        this.superuser = superuser;
    }

    /** Creates the extension's view (once) and sets every counter to zero. */
    void reset() {
        try (var connection = superuser.open();
                var statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "pg_stat_statements is not available (is the module preloaded?)", e);
        }
    }

    /** The {@code limit} statements with the most execution time since the last reset. */
    List<Row> top(int limit) {
        var sql =
                """
                select d.datname, s.calls, s.total_exec_time, s.rows, s.toplevel, s.query
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where d.datname <> 'postgres'
                order by s.total_exec_time desc
                limit ?
                """;
        try (var connection = superuser.open();
                var statement = connection.prepareStatement(sql)) {
            statement.setInt(1, limit);
            var rows = new ArrayList<Row>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(
                            new Row(
                                    rs.getString(1),
                                    rs.getLong(2),
                                    rs.getDouble(3),
                                    rs.getLong(4),
                                    rs.getBoolean(5),
                                    oneLine(rs.getString(6))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read pg_stat_statements", e);
        }
    }

    /** A row as the benchmark prints it, its time also per counted mention. */
    static String format(Row row, long mentions) {
        return String.format(
                Locale.ROOT,
                "  statement db=%s calls=%d total_ms=%.0f ms_per_mention=%.3f calls_per_mention=%.2f"
                        + " rows=%d%s %s",
                row.database(),
                row.calls(),
                row.totalMs(),
                mentions == 0 ? 0 : row.totalMs() / mentions,
                mentions == 0 ? 0 : (double) row.calls() / mentions,
                row.rows(),
                row.topLevel() ? "" : " (nested)",
                row.query());
    }

    // The normalized text (constants are $n already): whitespace folded, cut to a line.
    static String oneLine(String query) {
        var line = query.replaceAll("\\s+", " ").strip();
        return line.length() > QUERY_CHARS ? line.substring(0, QUERY_CHARS) + "…" : line;
    }
}
