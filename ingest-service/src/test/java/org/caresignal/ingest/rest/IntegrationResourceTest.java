package org.caresignal.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.ingest.domain.ApiKeys;
import org.caresignal.ingest.service.IntegrationService;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntegrationResourceTest {

    @Inject EntityManager em;
    @Inject IntegrationService service;

    @Test
    void theKeyIsShownOnceAtCreationAndOnlyItsHashIsStored() {
        var name = Integrations.uniqueName();
        var response =
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", name, "brandIds", List.of("mercy-health")))
                        .post("/api/integrations")
                        .then()
                        .statusCode(201)
                        .header("Location", containsString("/api/integrations/"))
                        .header("Cache-Control", "no-store")
                        .body("name", equalTo(name))
                        .body("origin", equalTo("api"))
                        .body("brandIds", equalTo(List.of("mercy-health")))
                        .extract();
        String key = response.path("key");
        String id = response.path("id");
        assertThat(key).startsWith("csk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(response.<String>path("keyPrefix")).isEqualTo(key.substring(0, 8));

        given().get("/api/integrations/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("key", nullValue())
                .body("active", equalTo(true))
                .body(not(containsString(key.substring(8))));
        given().get("/api/integrations")
                .then()
                .statusCode(200)
                .body("name", hasItem(name))
                .body(not(containsString(key.substring(8))));

        var stored = storedRow(id);
        assertThat(stored).contains(ApiKeys.hash(key)).doesNotContain(key.substring(8));
    }

    @Test
    void aMissingKeyIsA401ProblemWithABearerChallengeBeforeTheBodyIsRead() {
        given().contentType(ContentType.JSON)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"caresignal-ingest\""))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
        // Even a malformed body gets 401 first: nothing is said about it to a stranger.
        given().contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/mentions")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions/batch")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownKeyIsA401WithInvalidToken() {
        var wrong = ApiKeys.generate();
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + wrong)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body(not(containsString(wrong)));
    }

    @Test
    void theKeyWorksAsBearerOrXApiKeyAndRecordsTheIntegrationAndItsLastUse() {
        var name = Integrations.uniqueName();
        var created = Integrations.create(name, List.of());
        var key = created.get("key").toString();
        var id = created.get("id").toString();
        given().get("/api/integrations/" + id).then().body("lastUsedAt", nullValue());

        String viaBearer =
                given().contentType(ContentType.JSON)
                        .header("Authorization", "bearer " + key)
                        .body(Mentions.valid(Mentions.uniqueBrand()))
                        .post("/api/mentions")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("mentionId");
        given().contentType(ContentType.JSON)
                .header("X-Api-Key", key)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(202);

        given().get("/api/integrations/" + id).then().body("lastUsedAt", notNullValue());
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                em.createNativeQuery(
                                                                "select integration from"
                                                                        + " ingested_mention where"
                                                                        + " mention_id = ?1")
                                                        .setParameter(1, UUID.fromString(viaBearer))
                                                        .getSingleResult()))
                .isEqualTo(name);
    }

    @Test
    void aBrandOutsideTheKeysScopeIsA403Problem() {
        var brand = Mentions.uniqueBrand();
        var key = Integrations.create(Integrations.uniqueName(), List.of(brand)).get("key");
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + key)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"))
                .body("detail", containsString("may not submit mentions for brand"));
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + key)
                .body(Mentions.valid(brand))
                .post("/api/mentions")
                .then()
                .statusCode(202);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndStaysListed() {
        var created = Integrations.create(Integrations.uniqueName(), List.of());
        var key = created.get("key");
        var id = created.get("id");
        given().delete("/api/integrations/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + key)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(401);
        given().get("/api/integrations/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("revokedAt", notNullValue());
        given().get("/api/integrations/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidOrTakenNamesAreProblems() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Not A Slug", "brandIds", List.of("ok-brand", "Bad Brand")))
                .post("/api/integrations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem(containsString("brandIds")));
        var name = Integrations.uniqueName();
        Integrations.create(name, List.of());
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/integrations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void configuredIntegrationsAreDeclaredAtStartRotatedAndRevokedByTheConfiguration() {
        var name = Integrations.uniqueName();
        var first = ApiKeys.generate();
        service.declare(Map.of(name, first));
        post(first).statusCode(202);

        var second = ApiKeys.generate();
        service.declare(Map.of(name, second));
        post(first).statusCode(401);
        post(second).statusCode(202);

        var listed =
                given().get("/api/integrations")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getString("find { it.name == '" + name + "' && it.active }.id");
        given().get("/api/integrations/" + listed).then().body("origin", equalTo("config"));
        given().delete("/api/integrations/" + listed)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("INGEST_WEBHOOK_KEYS"));

        service.declare(Map.of());
        post(second).statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse post(String key) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + key)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then();
    }

    private String storedRow(String id) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        em.createNativeQuery(
                                                        "select t::text from integration t where"
                                                                + " integration_id = ?1")
                                                .setParameter(1, UUID.fromString(id))
                                                .getSingleResult());
    }
}
