package org.caresignal.ingest.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.Test;

/**
 * Keeps the data inventory of docs/privacy.md honest for ingest-service: every text, varchar, char
 * and jsonb column of the schema Flyway built (but Flyway's own history) is a row of the
 * ingest-service inventory table, and every {@code table.column} the table names exists.
 */
@QuarkusTest
class PrivacyInventoryTest extends TestStack {

    private static final Path PRIVACY = Path.of("../docs/privacy.md");
    private static final String START = "<!-- inventory ingest-service -->";
    private static final String END = "<!-- /inventory -->";
    private static final Pattern COLUMN_ROW =
            Pattern.compile("^\\|\\s*`?([a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*)`?\\s*\\|");

    @Inject EntityManager em;

    @Test
    void everyTextColumnIsInTheInventoryAndTheInventoryNamesOnlyRealColumns() throws IOException {
        var columns = textColumns();
        var listed = listed(Files.readAllLines(PRIVACY));
        assertThat(columns).as("text columns of the ingest schema").isNotEmpty();

        var missing = new TreeSet<>(columns);
        missing.removeAll(listed);
        assertThat(missing)
                .as(
                        "columns that can hold text but are not in docs/privacy.md's ingest-service"
                                + " inventory: add a row (Where, Holds, Class, Who can read, Lives),"
                                + " Holds `nothing personal` and Class `-` if so")
                .isEmpty();
        var unknown = new TreeSet<>(listed);
        unknown.removeAll(allColumns());
        assertThat(unknown)
                .as("rows of the ingest-service inventory naming no column of the schema")
                .isEmpty();
    }

    @Test
    void theCheckReadsOnlyTheServicesOwnTableAndOnlyColumnRows() {
        var listed =
                listed(
                        List.of(
                                "<!-- inventory sentiment-service -->",
                                "| `scored_mention.text` | text | TEXT | analyst | 90 d |",
                                END,
                                START,
                                "| Where | Holds | Class | Who can read | Lives |",
                                "|---|---|---|---|---|",
                                "| `brand.name` | nothing personal | - | everyone | until deleted |",
                                "| audit_event.detail | x | AUDIT | admin | 6 y |",
                                "| topic: mentions.erased.v1 `mentionId` | ids | - | - | 30 d |",
                                END,
                                "| `after.end` | x | x | x | x |"));
        assertThat(listed).containsExactly("audit_event.detail", "brand.name");
    }

    static Set<String> listed(List<String> lines) {
        var listed = new TreeSet<String>();
        boolean inside = false;
        for (var line : lines) {
            if (line.strip().equals(START)) {
                inside = true;
            } else if (inside && line.strip().equals(END)) {
                break;
            } else if (inside) {
                var m = COLUMN_ROW.matcher(line.strip());
                if (m.find()) {
                    listed.add(m.group(1));
                }
            }
        }
        return listed;
    }

    private Set<String> textColumns() {
        return columns(
                " and data_type in ('text', 'character varying', 'character', 'jsonb', 'json')");
    }

    private Set<String> allColumns() {
        return columns("");
    }

    @SuppressWarnings("unchecked")
    private Set<String> columns(String condition) {
        List<String> rows =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        em.createNativeQuery(
                                                        "select table_name || '.' || column_name"
                                                                + " from information_schema.columns"
                                                                + " where table_schema ="
                                                                + " current_schema() and"
                                                                + " table_name <>"
                                                                + " 'flyway_schema_history'"
                                                                + condition)
                                                .getResultList());
        return new TreeSet<>(rows);
    }
}
