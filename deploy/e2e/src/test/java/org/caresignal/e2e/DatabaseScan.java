package org.caresignal.e2e;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.caresignal.local.stack.TestStack;

/**
 * Searches every text, character and jsonb column of every table of the services' databases for
 * strings, the way an auditor would look for what should be gone: whatever the table, whatever the
 * column, added by whichever migration.
 */
final class DatabaseScan {

    static final List<String> DATABASES = List.of("ingest", "sentiment", "alert");

    private DatabaseScan() {}

    /**
     * Where any of {@code needles} occurs, as {@code database.table.column contains <needle>};
     * empty when nowhere.
     */
    static List<String> find(TestStack stack, Collection<String> needles) throws SQLException {
        var hits = new ArrayList<String>();
        for (var db : DATABASES) {
            try (var connection =
                    DriverManager.getConnection(
                            stack.database(db), stack.username(db), stack.password(db))) {
                var columns = new ArrayList<String[]>();
                try (var statement =
                                connection.prepareStatement(
                                        "select c.table_name, c.column_name"
                                                + " from information_schema.columns c"
                                                + " join information_schema.tables t"
                                                + " on t.table_schema = c.table_schema"
                                                + " and t.table_name = c.table_name"
                                                + " where c.table_schema = current_schema()"
                                                + " and t.table_type = 'BASE TABLE'"
                                                + " and c.table_name <> 'flyway_schema_history'"
                                                + " and c.data_type in ('text', 'character varying',"
                                                + " 'character', 'jsonb', 'json', 'ARRAY')"
                                                + " order by 1, 2");
                        var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                if (columns.isEmpty()) {
                    throw new AssertionError("no text columns found in database " + db);
                }
                var list = List.copyOf(needles);
                for (var column : columns) {
                    // One pass over the table per column, a count per needle.
                    var sql = new StringBuilder("select ");
                    for (int i = 0; i < list.size(); i++) {
                        sql.append(i == 0 ? "" : ", ")
                                .append("count(*) filter (where strpos(")
                                .append(quote(column[1]))
                                .append("::text, ?) > 0)");
                    }
                    sql.append(" from ").append(quote(column[0]));
                    try (var statement = connection.prepareStatement(sql.toString())) {
                        for (int i = 0; i < list.size(); i++) {
                            statement.setString(i + 1, list.get(i));
                        }
                        try (var rs = statement.executeQuery()) {
                            rs.next();
                            for (int i = 0; i < list.size(); i++) {
                                if (rs.getLong(i + 1) > 0) {
                                    hits.add(
                                            db
                                                    + "."
                                                    + column[0]
                                                    + "."
                                                    + column[1]
                                                    + " contains "
                                                    + list.get(i));
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
