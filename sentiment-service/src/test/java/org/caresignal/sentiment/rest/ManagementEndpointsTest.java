package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ManagementEndpointsTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        hasItems(
                                "Database connections health check",
                                "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void metricsExposeTheDomainCounters() {
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("caresignal_mentions_scored_total{label=\"NEGATIVE\""))
                .body(containsString("caresignal_mentions_scored_total{label=\"NEUTRAL\""))
                .body(containsString("caresignal_mentions_scored_total{label=\"POSITIVE\""))
                .body(containsString("caresignal_mentions_rescored_skipped_total"))
                .body(containsString("caresignal_mentions_scoring_seconds"));
    }

    @Test
    void openApiDocumentsTheMentionsEndpoint() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("CareSignal sentiment service"))
                .body(
                        "paths.'/api/mentions/{mentionId}'.get.summary",
                        equalTo("Get a scored mention"))
                .body(
                        "paths.'/api/mentions/{mentionId}'.get.responses.keySet()",
                        hasItems("200", "400", "404"))
                .body("paths.'/api/mentions'.get.summary", equalTo("Search scored mentions"))
                .body(
                        "paths.'/api/brands/{brandId}/sentiment'.get.responses.keySet()",
                        hasItems("200", "400"))
                .body(
                        "paths.'/api/brands/{brandId}/sentiment'.get.parameters.name",
                        hasItems("from", "to", "bucket", "facility", "source", "aspect", "tz"))
                .body(
                        "paths.'/api/rescore'.post.summary",
                        equalTo("Re-score mentions scored by an older model"))
                .body("tags.name", hasItem("Mentions"));
    }
}
