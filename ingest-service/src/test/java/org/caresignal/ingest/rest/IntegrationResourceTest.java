package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
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
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntegrationResourceTest {

    @Inject EntityManager em;
    @Inject IntegrationService service;

    @Test
    void theKeyIsShownOnceAtCreationAndOnlyItsHashIsStored() {
        var name = Integrations.uniqueName();
        var response =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", name, "brandIds", List.of("mercy-health")))
                        .post("/api/integrations")
                        .then()
                        .statusCode(201)
                        .header("Location", containsString("/api/integrations/"))
                        .header("Cache-Control", "no-store")
                        .body("name", equalTo(name))
                        .body("origin", equalTo("api"))
                        .body("brandIds", equalTo(List.of("mercy-health")))
                        .body("allBrands", equalTo(false))
                        .extract();
        String key = response.path("key");
        String id = response.path("id");
        assertThat(key).startsWith("csk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(response.<String>path("keyPrefix")).isEqualTo(key.substring(0, 8));

        Api.asAdmin()
                .get("/api/integrations/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("key", nullValue())
                .body("active", equalTo(true))
                .body(not(containsString(key.substring(8))));
        Api.asAdmin()
                .get("/api/integrations")
                .then()
                .statusCode(200)
                .body("name", hasItem(name))
                .body(not(containsString(key.substring(8))));

        var stored = storedRow(id);
        assertThat(stored).contains(ApiKeys.hash(key)).doesNotContain(key.substring(8));
    }

    @Test
    void onlyAnAdminCreatesListsGrantsOrRevokesIntegrations() {
        var body = Map.of("name", Integrations.uniqueName());
        Api.anonymous()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/integrations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        for (var token :
                List.of(
                        Tokens.viewer(),
                        Tokens.analyst(),
                        Tokens.responder(),
                        Tokens.of("everyone-but-admin", "viewer", "analyst", "responder"))) {
            Api.as(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/integrations")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            Api.as(token).get("/api/integrations").then().statusCode(403);
        }
        var id = Integrations.create(Integrations.uniqueName(), List.of()).get("id");
        Api.asViewer().get("/api/integrations/" + id).then().statusCode(403);
        Api.asAnalyst()
                .contentType(ContentType.JSON)
                .body(Map.of("allBrands", true))
                .put("/api/integrations/" + id + "/brands")
                .then()
                .statusCode(403);
        Api.asResponder().delete("/api/integrations/" + id).then().statusCode(403);
        Api.asAdmin()
                .get("/api/integrations/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(true));
    }

    @Test
    void anIntegrationCreatedWithoutBrandsIsGrantedNoneUntilAnAdminGrantsSome() {
        var created =
                Api.asAdmin()
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", Integrations.uniqueName()))
                        .post("/api/integrations")
                        .then()
                        .statusCode(201)
                        .body("brandIds", empty())
                        .body("allBrands", equalTo(false))
                        .extract();
        String id = created.path("id");
        String key = created.path("key");
        var brand = Mentions.uniqueBrand();
        push(key, brand).statusCode(403).contentType("application/problem+json");

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("brandIds", List.of(brand)))
                .put("/api/integrations/" + id + "/brands")
                .then()
                .statusCode(200)
                .body("brandIds", equalTo(List.of(brand)))
                .body("allBrands", equalTo(false));
        push(key, brand).statusCode(202);
        push(key, Mentions.uniqueBrand()).statusCode(403);

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("allBrands", true))
                .put("/api/integrations/" + id + "/brands")
                .then()
                .statusCode(200)
                .body("brandIds", empty())
                .body("allBrands", equalTo(true));
        push(key, Mentions.uniqueBrand()).statusCode(202);

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("brandIds", List.of()))
                .put("/api/integrations/" + id + "/brands")
                .then()
                .statusCode(200)
                .body("allBrands", equalTo(false));
        push(key, brand).statusCode(403);
    }

    @Test
    void allBrandsIsAnExplicitGrantAtCreation() {
        var created = Integrations.createForEveryBrand(Integrations.uniqueName());
        assertThat(created.get("allBrands")).isEqualTo(true);
        push(created.get("key"), Mentions.uniqueBrand()).statusCode(202);
    }

    @Test
    void aGrantMustSayWhichBrandsOrAllOfThem() {
        var id = Integrations.create(Integrations.uniqueName(), List.of()).get("id");
        var path = "/api/integrations/" + id + "/brands";
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("brandIds"));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("allBrands", true, "brandIds", List.of("mercy-health")))
                .put(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("allBrands"));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("brandIds", List.of("Not A Slug")))
                .put(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem(containsString("brandIds")));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("allBrands", true))
                .put("/api/integrations/" + UUID.randomUUID() + "/brands")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "name",
                                Integrations.uniqueName(),
                                "allBrands",
                                true,
                                "brandIds",
                                List.of("mercy-health")))
                .post("/api/integrations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("allBrands"));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndStaysListed() {
        var created = Integrations.createForEveryBrand(Integrations.uniqueName());
        var key = created.get("key");
        var id = created.get("id");
        Api.asAdmin().delete("/api/integrations/" + id).then().statusCode(204);
        push(key, Mentions.uniqueBrand())
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        Api.asAdmin()
                .get("/api/integrations/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("revokedAt", notNullValue());
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("allBrands", true))
                .put("/api/integrations/" + id + "/brands")
                .then()
                .statusCode(409);
        Api.asAdmin()
                .get("/api/integrations/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theIntegrationAndItsLastUseAreRecorded() {
        var name = Integrations.uniqueName();
        var created = Integrations.createForEveryBrand(name);
        var id = created.get("id").toString();
        Api.asAdmin().get("/api/integrations/" + id).then().body("lastUsedAt", nullValue());

        String mentionId =
                push(created.get("key"), Mentions.uniqueBrand())
                        .statusCode(202)
                        .extract()
                        .path("mentionId");

        Api.asAdmin().get("/api/integrations/" + id).then().body("lastUsedAt", notNullValue());
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                em.createNativeQuery(
                                                                "select integration from"
                                                                        + " ingested_mention where"
                                                                        + " mention_id = ?1")
                                                        .setParameter(1, UUID.fromString(mentionId))
                                                        .getSingleResult()))
                .isEqualTo(name);
    }

    @Test
    void invalidOrTakenNamesAreProblems() {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Not A Slug", "brandIds", List.of("ok-brand", "Bad Brand")))
                .post("/api/integrations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem(containsString("brandIds")));
        var name = Integrations.uniqueName();
        Integrations.create(name, List.of());
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/integrations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void
            configuredIntegrationsPushForEveryBrandAndAreDeclaredRotatedAndRevokedByTheConfiguration() {
        var name = Integrations.uniqueName();
        var first = ApiKeys.generate();
        service.declare(Map.of(name, first));
        push(first, Mentions.uniqueBrand()).statusCode(202);

        var second = ApiKeys.generate();
        service.declare(Map.of(name, second));
        push(first, Mentions.uniqueBrand()).statusCode(401);
        push(second, Mentions.uniqueBrand()).statusCode(202);

        var listed =
                Api.asAdmin()
                        .get("/api/integrations")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getString("find { it.name == '" + name + "' && it.active }.id");
        Api.asAdmin()
                .get("/api/integrations/" + listed)
                .then()
                .body("origin", equalTo("config"))
                .body("allBrands", equalTo(true));
        Api.asAdmin()
                .delete("/api/integrations/" + listed)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("INGEST_WEBHOOK_KEYS"));

        // An admin may narrow it; a later start (same key) keeps the narrowed grant.
        var brand = Mentions.uniqueBrand();
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("brandIds", List.of(brand)))
                .put("/api/integrations/" + listed + "/brands")
                .then()
                .statusCode(200);
        service.declare(Map.of(name, second));
        push(second, Mentions.uniqueBrand()).statusCode(403);
        push(second, brand).statusCode(202);

        service.declare(Map.of());
        push(second, brand).statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse push(Object key, String brand) {
        return Integrations.webhook(key).body(Mentions.valid(brand)).post("/api/mentions").then();
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
