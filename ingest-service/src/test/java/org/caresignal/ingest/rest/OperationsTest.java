package org.caresignal.ingest.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUpAndReadinessReportsTheDatabaseAndTheKafkaRelay() {
        Management.given()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem("Kafka outbox relay"))
                .body("checks.find { it.name == 'Kafka outbox relay' }.data", hasKey("backlog"));
    }

    @Test
    void metricsCountRefusedApiKeysByReason() {
        Api.anonymous()
                .contentType(ContentType.JSON)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(401);
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("caresignal_webhook_auth_failures_total{reason=\"missing\"}"));
    }

    @Test
    void metricsCountIngestedMentionsBySource() {
        Integrations.webhook()
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(202);
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("caresignal_mentions_ingested_total{source=\"webhook\"}"))
                .body(containsString("caresignal_outbox_backlog"))
                .body(containsString("caresignal_mentions_languages_total{language=\"en\"}"));
    }

    @Test
    void openApiDocumentsTheMentionsEndpoint() {
        Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/mentions"))
                .body(containsString("/api/brands"))
                .body(containsString("/api/watch-queries/check"))
                .body(containsString("/api/mentions/batch"))
                .body(containsString("/api/integrations"))
                .body(containsString("bearerKey"))
                .body(containsString("application/problem+json"));
    }
}
