package org.caresignal.sentiment.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the sentiment-service inventory of docs/privacy.md honest: every text, varchar, char or
 * jsonb column of the schema Flyway built (but flyway_schema_history) has a row, and every {@code
 * table.column} row names a column that exists.
 */
@QuarkusTest
class PrivacyInventoryTest {

    private static final Path PRIVACY = Path.of("../docs/privacy.md");
    private static final String START = "<!-- inventory sentiment-service -->";
    private static final String END = "<!-- /inventory -->";
    // A row's first cell: `table.column` (a topic field has a colon, a log line or export prose).
    private static final Pattern COLUMN_ROW =
            Pattern.compile("^\\|\\s*`?([a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*)`?\\s*\\|");

    @Inject AgroalDataSource dataSource;

    @Test
    void everyTextColumnOfTheSchemaIsInTheInventoryAndEveryListedColumnExists() throws Exception {
        var columns = textColumns();
        var listed = listedColumns(Files.readAllLines(PRIVACY));
        assertThat(columns).as("text columns of the schema").contains("scored_mention.text");

        var missing = new TreeSet<>(columns);
        missing.removeAll(listed);
        assertThat(missing)
                .as(
                        "columns of the sentiment schema missing from the inventory in %s (add a"
                                + " row | `table.column` | Holds | Class | Who can read | Lives |;"
                                + " `nothing personal` and `-` when it holds nothing personal)",
                        PRIVACY)
                .isEmpty();

        var unknown = new TreeSet<>(listed);
        unknown.removeAll(allColumns());
        assertThat(unknown).as("inventory rows naming no column of the schema").isEmpty();
    }

    @Test
    void theCheckReadsOnlyColumnRowsOfItsOwnTable() {
        var listed =
                listedColumns(
                        List.of(
                                "<!-- inventory ingest-service -->",
                                "| `elsewhere.column` | x | TEXT | - | - |",
                                "<!-- /inventory -->",
                                START,
                                "| Where | Holds | Class | Who can read | Lives |",
                                "|---|---|---|---|---|",
                                "| `scored_mention.text` | post text | TEXT | analyst | 90 days |",
                                "| audit_event.detail | nothing personal | - | admin | 6 years |",
                                "| `mentions.scored.v1`: `text` | post text | TEXT | - | 7 days |",
                                "| log line `Scored mention <id>` | id | - | operator | logs |",
                                END,
                                "| `after.column` | x | TEXT | - | - |"));

        assertThat(listed).containsExactly("audit_event.detail", "scored_mention.text");
    }

    static Set<String> listedColumns(List<String> lines) {
        var listed = new TreeSet<String>();
        boolean inside = false;
        for (var line : lines) {
            if (line.trim().equals(START)) {
                inside = true;
            } else if (inside && line.trim().equals(END)) {
                break;
            } else if (inside) {
                var row = COLUMN_ROW.matcher(line);
                if (row.find()) {
                    listed.add(row.group(1));
                }
            }
        }
        return listed;
    }

    private Set<String> textColumns() throws SQLException {
        return columns(" and data_type in ('text', 'character varying', 'character', 'jsonb')");
    }

    private Set<String> allColumns() throws SQLException {
        return columns("");
    }

    private Set<String> columns(String condition) throws SQLException {
        var found = new TreeSet<String>();
        try (var connection = dataSource.getConnection();
                var rows =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "select table_name, column_name from"
                                                + " information_schema.columns where table_schema ="
                                                + " current_schema() and table_name <>"
                                                + " 'flyway_schema_history'"
                                                + condition)) {
            while (rows.next()) {
                found.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        return found;
    }
}
