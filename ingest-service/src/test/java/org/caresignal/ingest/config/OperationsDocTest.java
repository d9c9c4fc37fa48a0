package org.caresignal.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/operations.md honest: every environment variable that ingest-service's
 * application.properties reads (`${NAME}` or `${NAME:default}`, NAME in UPPER_SNAKE) must be listed
 * in the first column of the table under "### ingest-service".
 */
class OperationsDocTest {

    private static final String SECTION = "### ingest-service";
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path OPERATIONS = Path.of("../docs/operations.md");

    // An expression's name is followed by its default (:) or its end; nested defaults are found
    // too.
    private static final Pattern READ = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern LISTED = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    @Test
    void everyEnvironmentVariableTheServiceReadsIsListedInOperationsMd() throws IOException {
        var read = readVariables(Files.readAllLines(PROPERTIES));
        var listed = listedVariables(Files.readAllLines(OPERATIONS), SECTION);
        assertThat(read).as("variables read by application.properties").isNotEmpty();
        assertThat(listed).as("variables in the table under " + SECTION).isNotEmpty();

        var missing = new TreeSet<>(read);
        missing.removeAll(listed);
        assertThat(missing)
                .as(
                        "environment variables read in %s but not listed under \"%s\" in %s: add a"
                                + " row (variable, default, meaning) to that table",
                        PROPERTIES, SECTION, OPERATIONS)
                .isEmpty();
    }

    @Test
    void theCheckSeesEveryFormOfReadAndOnlyTheServicesOwnTable() {
        var read =
                readVariables(
                        List.of(
                                "a.b=${FIRST}",
                                "%prod.a.c=${SECOND:default}",
                                "a.d=${THIRD:${FOURTH:x}}",
                                "a.e=${quarkus.http.port}",
                                "# a.f=${COMMENTED_OUT}",
                                "a.g=${lower_case:1}"));
        assertThat(read).containsExactly("FIRST", "FOURTH", "SECOND", "THIRD");

        var listed =
                listedVariables(
                        List.of(
                                "### other-service",
                                "| `ELSEWHERE` | 1 | x |",
                                SECTION,
                                "",
                                "| Variable | Default | Meaning |",
                                "|---|---|---|",
                                "| `FIRST` | `1` | uses `NOT_A_ROW_NAME` |",
                                "| `SECOND`, `THIRD` | none | two in one row |",
                                "Prose mentioning `FOURTH` is not a row.",
                                "## Next chapter",
                                "| `AFTER` | 1 | x |"),
                        SECTION);
        assertThat(listed).containsExactly("FIRST", "SECOND", "THIRD");
    }

    static Set<String> readVariables(List<String> lines) {
        var names = new TreeSet<String>();
        for (var line : lines) {
            var trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            var m = READ.matcher(trimmed);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static Set<String> listedVariables(List<String> lines, String section) {
        var names = new TreeSet<String>();
        boolean inSection = false;
        for (var line : lines) {
            if (line.startsWith("#")) {
                inSection = line.strip().equals(section);
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            var cells = line.split("\\|", -1);
            if (cells.length < 3) {
                continue;
            }
            var m = LISTED.matcher(cells[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
