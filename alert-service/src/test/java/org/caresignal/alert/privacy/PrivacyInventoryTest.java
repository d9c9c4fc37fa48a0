package org.caresignal.alert.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the alert-service's data inventory in docs/privacy.md honest: every text, varchar, char and
 * jsonb column of the schema Flyway built (flyway_schema_history aside) has a row there, and every
 * {@code table.column} row names a column that exists.
 */
@QuarkusTest
class PrivacyInventoryTest {

    private static final Path PRIVACY = Path.of("../docs/privacy.md");
    private static final String START = "<!-- inventory alert-service -->";
    private static final String END = "<!-- /inventory -->";
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    @Inject AgroalDataSource dataSource;

    @Test
    void everyTextColumnIsInTheInventoryAndEveryListedColumnExists() throws Exception {
        var schema = textColumns();
        var listed = inventoryColumns(Files.readAllLines(PRIVACY));
        assertThat(schema).as("text columns of the alert schema").isNotEmpty();

        var missing = new TreeSet<>(schema);
        missing.removeAll(listed);
        assertThat(missing)
                .as(
                        "columns missing from the alert-service inventory in %s: add a row"
                                + " (| `table.column` | Holds | Class | Who can read | Lives |)",
                        PRIVACY)
                .isEmpty();
        var unknown = new TreeSet<>(listed);
        unknown.removeAll(schema);
        assertThat(unknown).as("inventory rows naming a column the schema does not have").isEmpty();
    }

    @Test
    void theParserReadsOnlyTheAlertTableAndItsColumnRows() {
        var lines =
                List.of(
                        "<!-- inventory sentiment-service -->",
                        "| `scored_mention.text` | post text | TEXT | analyst | 90 d |",
                        "<!-- /inventory -->",
                        START,
                        "| Where | Holds | Class | Who can read | Lives |",
                        "|---|---|---|---|---|",
                        "| `counted_mention.url` | link | TEXT | analyst | 90 d |",
                        "| `alerts.v1`: `samples[].url` | link | TEXT | consumers | 30 d |",
                        "| log line `Erasure … applied` | ids | - | operators | logs |",
                        END,
                        "| `incident.explanation` | after the table | - | - | - |");
        assertThat(inventoryColumns(lines)).containsExactly("counted_mention.url");
    }

    private TreeSet<String> textColumns() throws SQLException {
        var out = new TreeSet<String>();
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                "SELECT table_name, column_name FROM information_schema.columns"
                                        + " WHERE table_schema = current_schema() AND data_type"
                                        + " IN ('text', 'character varying', 'character',"
                                        + " 'jsonb') AND table_name <>"
                                        + " 'flyway_schema_history'")) {
            while (rows.next()) {
                out.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        return out;
    }

    /** The {@code table.column} of each row of the alert-service inventory table. */
    static TreeSet<String> inventoryColumns(List<String> lines) {
        var out = new TreeSet<String>();
        boolean inside = false;
        var rows = new ArrayList<String>();
        for (var line : lines) {
            var trimmed = line.strip();
            if (trimmed.equals(START)) {
                inside = true;
            } else if (inside && trimmed.equals(END)) {
                break;
            } else if (inside && trimmed.startsWith("|")) {
                rows.add(trimmed);
            }
        }
        for (var row : rows) {
            var cells = row.substring(1).split("\\|", -1);
            var where = cells[0].strip().replace("`", "");
            if (COLUMN.matcher(where).matches()) {
                out.add(where);
            }
        }
        return out;
    }
}
