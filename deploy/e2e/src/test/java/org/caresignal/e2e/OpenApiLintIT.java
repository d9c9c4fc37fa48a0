package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's OpenAPI document, as written at build time ({@code target/openapi}), passes
 * Redocly's recommended rules with no error, and states who may call every operation.
 */
class OpenApiLintIT {

    /** Pinned so that a new rule in a later release cannot turn the build red by itself. */
    static final String REDOCLY = "@redocly/cli@2.77.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "sentiment-service", "alert-service"})
    void theDocumentHasNoLintErrors(String service) throws Exception {
        var document = document(service, "openapi.yaml");
        var report = Files.createTempFile("redocly-" + service, ".json");
        var lint =
                run(
                        List.of(
                                "npx",
                                "--yes",
                                REDOCLY,
                                "lint",
                                "--extends=recommended",
                                "--format=json",
                                document.toString()),
                        report);
        var problems = JSON.readTree(report.toFile()).path("problems");
        var errors = new ArrayList<String>();
        for (JsonNode problem : problems) {
            if ("error".equals(problem.path("severity").asText())) {
                errors.add(
                        problem.path("ruleId").asText()
                                + ": "
                                + problem.path("message").asText()
                                + " at "
                                + problem.path("location").path(0).path("pointer").asText());
            }
        }
        assertThat(errors).as("redocly lint errors in %s", document).isEmpty();
        assertThat(lint).as("redocly lint exit code for %s", document).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "sentiment-service", "alert-service"})
    void everyOperationHasAnIdASecurityRequirementAndAnErrorResponse(String service)
            throws IOException {
        var root = JSON.readTree(document(service, "openapi.json").toFile());
        var global = root.path("security");
        var missing = new ArrayList<String>();
        int operations = 0;
        for (var path : iterable(root.path("paths").fields())) {
            for (var op : iterable(path.getValue().fields())) {
                if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                    continue;
                }
                operations++;
                var name = op.getKey().toUpperCase() + " " + path.getKey();
                var operation = op.getValue();
                if (operation.path("operationId").asText().isBlank()) {
                    missing.add(name + ": no operationId");
                }
                var security = operation.has("security") ? operation.get("security") : global;
                if (security.isMissingNode() || security.isEmpty()) {
                    missing.add(name + ": no security requirement");
                }
                boolean has4xx = false;
                for (var status : iterable(operation.path("responses").fieldNames())) {
                    has4xx |= status.startsWith("4");
                }
                if (!has4xx) {
                    missing.add(name + ": no 4xx response");
                }
            }
        }
        assertThat(operations).as("operations in %s", service).isPositive();
        assertThat(missing).isEmpty();
    }

    private static Path document(String service, String file) {
        var repo =
                Path.of(System.getProperty("caresignal.repo", "../.."))
                        .toAbsolutePath()
                        .normalize();
        var document = repo.resolve(service).resolve("target/openapi").resolve(file);
        assertThat(document)
                .as(
                        "written by the service's build (quarkus.smallrye-openapi.store-schema-directory)")
                .exists();
        return document;
    }

    private static int run(List<String> command, Path stdout) throws Exception {
        var process =
                new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(ProcessBuilder.Redirect.PIPE)
                        .start();
        var stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("redocly did not finish within 5 minutes");
        }
        if (Files.size(stdout) == 0) {
            throw new AssertionError(
                    "redocly wrote no report (exit " + process.exitValue() + "): " + stderr);
        }
        return process.exitValue();
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
