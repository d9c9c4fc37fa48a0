package org.caresignal.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.service.CountOutcome;
import org.caresignal.alert.service.MentionCountService;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Inject MentionCountService counting;
    @Inject MeterRegistry registry;

    /** The management interface: health, metrics and OpenAPI, off the public port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private RequestSpecification managed() {
        return given().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    @Test
    void healthIsUpWithDatabaseAndKafkaReadinessChecks() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> managed().get("/q/health").then().statusCode(200));
        managed().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        managed().get("/q/health/live").then().statusCode(200);
        managed()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.name",
                        hasItems(
                                "Database connections health check",
                                "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void countingAndDuplicatesShowInMetrics() {
        var brand = ScoredMentions.uniqueBrand();
        var mention =
                ScoredMentions.mention(brand, SentimentLabel.POSITIVE, "2026-11-24T14:03:00Z");
        var positiveBefore = counted(SentimentLabel.POSITIVE);
        var duplicatesBefore = duplicates();

        assertThat(counting.count(mention)).isEqualTo(CountOutcome.COUNTED);
        assertThat(counting.count(mention)).isEqualTo(CountOutcome.DUPLICATE);

        assertThat(counted(SentimentLabel.POSITIVE)).isEqualTo(positiveBefore + 1);
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
        var metrics = managed().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("caresignal_mentions_counted_total\\{[^}]*label=\"POSITIVE\"")
                .containsPattern("caresignal_mentions_counted_total\\{[^}]*label=\"NEGATIVE\"")
                .contains("caresignal_mentions_duplicates_total");
    }

    @Test
    void openApiListsTheStatsIncidentAndBacktestEndpoints() {
        managed()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/brands/{brandId}/stats"))
                .body("paths", hasKey("/api/incidents"))
                .body("paths", hasKey("/api/incidents/{id}"))
                .body("paths", hasKey("/api/incidents/{id}/acknowledge"))
                .body("paths", hasKey("/api/incidents/{id}/resolve"))
                .body("paths", hasKey("/api/incidents/{id}/snooze"))
                .body("paths", hasKey("/api/incidents/stream"))
                .body("paths", hasKey("/api/backtest"))
                .body("paths", hasKey("/api/routes"))
                .body("paths", hasKey("/api/routes/{id}"))
                .body("paths", hasKey("/api/rules/critical-posts"))
                .body("paths", hasKey("/api/rules/critical-posts/{id}"))
                .body("paths", hasKey("/api/rules/detectors/{brandId}"))
                .body("components.schemas", hasKey("ProblemDetail"))
                .body("components.schemas", hasKey("Incident"));
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        for (var path : java.util.List.of("/q/health", "/q/health/ready", "/q/metrics")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(management.getPort()).isNotEqualTo(io.restassured.RestAssured.port);
    }

    @Test
    void theOpenApiDeclaresTheOidcSchemeAndTheRolesOfEveryOperation() {
        var doc =
                managed()
                        .queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(doc.getString("components.securitySchemes.oidc.type"))
                .isEqualTo("openIdConnect");
        assertThat(doc.getList("servers.url", String.class)).isNotEmpty();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        assertThat(paths).isNotEmpty();
        for (var path : paths.entrySet()) {
            if (path.getKey().startsWith("/test-only/")) {
                continue; // support/FailingResource exists in the tests only
            }
            assertThat(path.getKey())
                    .as("dashboard pages are hidden")
                    .doesNotStartWith("/dashboard");
            for (var operation : path.getValue().entrySet()) {
                var where = operation.getKey() + " " + path.getKey();
                var op = operation.getValue();
                assertThat(op.get("operationId")).as(where + " operationId").isNotNull();
                assertThat(op.get("security")).as(where + " security").isNotNull();
                @SuppressWarnings("unchecked")
                var responses = (Map<String, Object>) op.get("responses");
                assertThat(responses.keySet())
                        .as(where + " has a 4xx answer")
                        .anyMatch(code -> code.startsWith("4"));
            }
        }
        assertThat(
                        doc.getList(
                                "paths.'/api/incidents/{id}/acknowledge'.post.security.oidc.flatten()",
                                String.class))
                .containsExactly("responder");
        assertThat(doc.getList("paths.'/api/audit'.get.security.oidc.flatten()", String.class))
                .containsExactly("admin");
    }

    private double counted(SentimentLabel label) {
        return registry.get("caresignal.mentions.counted")
                .tag("label", label.name())
                .counter()
                .count();
    }

    private double duplicates() {
        return registry.get("caresignal.mentions.duplicates").counter().count();
    }
}
