package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.UUID;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * GET/PUT /api/rules/uncertain-mentions/{brandId}: the default, a saved policy read back, every
 * change audited under the token's identity, problem+json for what is not a policy, and the OpenAPI
 * document.
 */
@QuarkusTest
class UncertainPolicyResourceTest {

    private static final String PATH = "/api/rules/uncertain-mentions/";

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aBrandWithoutAPolicyExcludesAndASavedOneIsReadBackAndAudited() {
        var brand = ScoredMentions.uniqueBrand();
        var admin = "policy-admin-" + UUID.randomUUID().toString().substring(0, 8);
        var token = Tokens.of(admin, "admin");

        Api.asAdmin()
                .get(PATH + brand)
                .then()
                .statusCode(200)
                .body("brandId", equalTo(brand))
                .body("policy", equalTo("EXCLUDE"))
                .body("custom", equalTo(false))
                .body("updatedAt", nullValue());

        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body("{\"policy\": \"negative\"}")
                .put(PATH + brand)
                .then()
                .statusCode(200)
                .body("policy", equalTo("NEGATIVE"))
                .body("custom", equalTo(true))
                .body("updatedAt", notNullValue());
        Api.withToken(token)
                .contentType(ContentType.JSON)
                .body("{\"policy\": \"NEUTRAL\"}")
                .put(PATH + brand)
                .then()
                .statusCode(200)
                .body("policy", equalTo("NEUTRAL"));
        Api.asAdmin().get(PATH + brand).then().statusCode(200).body("policy", equalTo("NEUTRAL"));

        var rows =
                Api.asAdmin()
                        .queryParam("user", admin)
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(rows.getList("items.action", String.class))
                .containsExactly("uncertain-policy.update", "uncertain-policy.update");
        assertThat(rows.getList("items.target", String.class)).containsOnly(brand);
        assertThat(rows.getList("items.detail", String.class))
                .containsExactly("NEUTRAL (was NEGATIVE)", "NEGATIVE (was EXCLUDE)");
        assertThat(rows.getList("items.subject", String.class))
                .containsOnly(Tokens.subjectOf(admin));
    }

    @Test
    void anUnknownOrMissingPolicyAndABadBrandAreProblems() {
        var brand = ScoredMentions.uniqueBrand();
        for (var body : new String[] {"{\"policy\": \"IGNORE\"}", "{}", "{\"policy\": \"\"}"}) {
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(body)
                    .put(PATH + brand)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("policy"));
        }
        Api.asAdmin()
                .get(PATH + brand)
                .then()
                .statusCode(200)
                .body("custom", equalTo(false))
                .body("policy", equalTo("EXCLUDE"));
        Api.asAdmin()
                .get(PATH + "Not_A_Slug")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("brandId"));
        Api.asAnalyst()
                .contentType(ContentType.JSON)
                .body("{\"brandId\": \"" + brand + "\", \"uncertainPolicy\": \"SOMETIMES\"}")
                .post("/api/backtest")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("uncertainPolicy"));
    }

    @Test
    void theOpenApiDocumentDescribesTheSettingAndTheBacktestsChoice() {
        var doc =
                io.restassured.RestAssured.given()
                        .baseUri("http://" + management.getHost())
                        .port(management.getPort())
                        .queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(doc.getMap("paths").keySet()).contains(PATH + "{brandId}");
        assertThat(
                        doc.getList(
                                "components.schemas.UncertainPolicyBody.properties.policy.enum",
                                String.class))
                .containsExactly("NEGATIVE", "NEUTRAL", "EXCLUDE");
        assertThat(doc.getMap("components.schemas.BacktestRequest.properties"))
                .containsKey("uncertainPolicy");
    }
}
