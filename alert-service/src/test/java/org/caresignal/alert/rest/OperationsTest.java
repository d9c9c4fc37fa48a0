package org.caresignal.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.service.CountOutcome;
import org.caresignal.alert.service.MentionCountService;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Inject MentionCountService counting;
    @Inject MeterRegistry registry;

    @Test
    void healthIsUpWithDatabaseAndKafkaReadinessChecks() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health").then().statusCode(200));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
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
        var metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("caresignal_mentions_counted_total\\{[^}]*label=\"POSITIVE\"")
                .containsPattern("caresignal_mentions_counted_total\\{[^}]*label=\"NEGATIVE\"")
                .contains("caresignal_mentions_duplicates_total");
    }

    @Test
    void openApiListsTheStatsIncidentAndBacktestEndpoints() {
        given().queryParam("format", "json")
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
