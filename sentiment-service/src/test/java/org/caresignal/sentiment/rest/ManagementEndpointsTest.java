package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ManagementEndpointsTest {

    @TestHTTPResource(value = "health", management = true)
    URL health;

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "openapi", management = true)
    URL openapi;

    @Test
    void healthIsUpOnTheManagementPortWithoutAToken() {
        given().when().get(health).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().when()
                .get(ready)
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
                .get(metrics)
                .then()
                .statusCode(200)
                .body(containsString("caresignal_mentions_scored_total{label=\"NEGATIVE\""))
                .body(containsString("caresignal_mentions_scored_total{label=\"NEUTRAL\""))
                .body(containsString("caresignal_mentions_scored_total{label=\"POSITIVE\""))
                .body(containsString("caresignal_mentions_rescored_skipped_total"))
                .body(containsString("caresignal_mentions_scoring_seconds"));
    }

    @Test
    void healthMetricsAndOpenApiAreNotServedOnTheApplicationPort() {
        for (var path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void openApiDocumentsTheOperationsTheirRolesAndErrors() {
        given().queryParam("format", "json")
                .when()
                .get(openapi)
                .then()
                .statusCode(200)
                .body("info.title", equalTo("CareSignal sentiment service"))
                .body("servers.url", hasItem("http://localhost:8082"))
                .body("components.securitySchemes.oidc.type", equalTo("openIdConnect"))
                .body(
                        "paths.'/api/mentions/{mentionId}'.get.summary",
                        equalTo("Get a scored mention"))
                .body("paths.'/api/mentions/{mentionId}'.get.operationId", equalTo("getMention"))
                .body(
                        "paths.'/api/mentions/{mentionId}'.get.responses.keySet()",
                        hasItems("200", "400", "401", "403", "404"))
                .body(
                        "paths.'/api/mentions/{mentionId}'.get.security[0].oidc",
                        hasItems("analyst", "responder"))
                .body("paths.'/api/mentions'.get.summary", equalTo("Search scored mentions"))
                .body("paths.'/api/mentions'.get.security[0].oidc", hasItems("analyst"))
                .body(
                        "paths.'/api/brands/{brandId}/sentiment'.get.responses.keySet()",
                        hasItems("200", "400", "401", "403"))
                .body(
                        "paths.'/api/brands/{brandId}/sentiment'.get.parameters.name",
                        hasItems("from", "to", "bucket", "facility", "source", "aspect", "tz"))
                .body(
                        "paths.'/api/rescore'.post.summary",
                        equalTo("Re-score mentions scored by an older model"))
                .body("paths.'/api/rescore'.post.security[0].oidc", hasItems("admin"))
                .body("paths.'/api/audit'.get.operationId", equalTo("searchAuditEvents"))
                .body("paths.'/api/audit'.get.security[0].oidc", hasItems("admin"))
                .body("paths.'/api/audit'.get.security[0].oidc", not(hasItem("analyst")))
                .body("paths.'/api/audit'.get.responses", hasKey("403"))
                .body(
                        "paths.collect { it.value.collect { it.value.operationId } }.flatten()",
                        everyItem(notNullValue()))
                .body("tags.name", hasItem("Mentions"));
    }
}
