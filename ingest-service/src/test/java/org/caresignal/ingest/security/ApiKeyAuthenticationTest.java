package org.caresignal.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.ApiKeys;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * CareSignal API keys beside OIDC tokens: a key (as {@code Authorization: Bearer csk_…} or {@code
 * X-Api-Key}) is checked by our mechanism before OIDC and is good for the webhook only, and only
 * for the brands granted to its integration; a person's token, even an admin's, cannot push
 * mentions.
 */
@QuarkusTest
class ApiKeyAuthenticationTest {

    @ConfigProperty(name = "quarkus.oidc.priority", defaultValue = "1001")
    int oidcPriority;

    @Test
    void aKeyWorksAsBearerOrAsXApiKey() {
        var key = Integrations.createForEveryBrand(Integrations.uniqueName()).get("key");
        Api.anonymous()
                .contentType(ContentType.JSON)
                .header("Authorization", "bearer " + key)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(202);
        Api.anonymous()
                .contentType(ContentType.JSON)
                .header("X-Api-Key", key)
                .body(Map.of("mentions", List.of(Mentions.valid(Mentions.uniqueBrand()))))
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
    }

    @Test
    void noCredentialIsA401ProblemWithABearerChallengeBeforeTheBodyIsRead() {
        for (var path : List.of("/api/mentions", "/api/mentions/batch")) {
            Api.anonymous()
                    .contentType(ContentType.JSON)
                    .body(Mentions.valid(Mentions.uniqueBrand()))
                    .post(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"caresignal-ingest\""))
                    .body("status", equalTo(401))
                    .body("title", equalTo("Unauthorized"));
        }
        // Even a malformed body gets 401 first: nothing is said about it to a stranger.
        Api.anonymous()
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/mentions")
                .then()
                .statusCode(401);
        Api.anonymous()
                .contentType(ContentType.JSON)
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions/batch")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownKeyIsA401WithInvalidTokenCheckedByUsNotByOidc() {
        var before = refused("invalid");
        var wrong = ApiKeys.generate();
        for (var request :
                List.of(
                        Api.anonymous().header("Authorization", "Bearer " + wrong),
                        Api.anonymous().header("X-Api-Key", wrong))) {
            request.contentType(ContentType.JSON)
                    .body(Mentions.valid(Mentions.uniqueBrand()))
                    .post("/api/mentions")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                    .body(not(containsString(wrong)));
        }
        // Both were refused by the API-key provider (it counts them); OIDC never saw the key.
        assertThat(refused("invalid")).isEqualTo(before + 2);
        assertThat(ApiKeyAuthenticationMechanism.PRIORITY).isGreaterThan(oidcPriority);

        // A bearer JWT is OIDC's: an expired one is refused there, not counted as a bad key.
        Api.as(Tokens.expired("late-admin", Roles.ADMIN))
                .get("/api/integrations")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        assertThat(refused("invalid")).isEqualTo(before + 2);
    }

    @Test
    void aRevokedKeyIsA401() {
        var created = Integrations.createForEveryBrand(Integrations.uniqueName());
        Api.asAdmin().delete("/api/integrations/" + created.get("id")).then().statusCode(204);
        Integrations.webhook(created.get("key"))
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void aKeyIsRefusedWith403EverywhereButTheWebhook() {
        var key = Integrations.createForEveryBrand(Integrations.uniqueName()).get("key");
        for (var credential :
                List.<java.util.function.Supplier<RequestSpecification>>of(
                        () -> Api.anonymous().header("Authorization", "Bearer " + key),
                        () -> Api.anonymous().header("X-Api-Key", key))) {
            credential.get().get("/api/brands").then().statusCode(403);
            credential.get().get("/api/sources").then().statusCode(403);
            credential.get().get("/api/integrations").then().statusCode(403);
            credential.get().get("/api/audit").then().statusCode(403);
            credential
                    .get()
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", Integrations.uniqueName(), "allBrands", true))
                    .post("/api/integrations")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aPersonsTokenCannotPushMentionsNotEvenAnAdmins() {
        for (var token :
                List.of(
                        Tokens.admin(),
                        Tokens.of("all-roles", "viewer", "analyst", "responder", "admin"),
                        // A provider role that happens to be called "integration" is not a key.
                        Tokens.of("sneaky", Roles.INTEGRATION))) {
            Api.as(token)
                    .contentType(ContentType.JSON)
                    .body(Mentions.valid(Mentions.uniqueBrand()))
                    .post("/api/mentions")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            Api.as(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("mentions", List.of(Mentions.valid(Mentions.uniqueBrand()))))
                    .post("/api/mentions/batch")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void anIntegrationWithoutGrantsPushesForNoBrandUntilOneIsGranted() {
        var created = Integrations.create(Integrations.uniqueName(), List.of());
        var key = created.get("key");
        var granted = Mentions.uniqueBrand();
        for (var brand : List.of(granted, Mentions.uniqueBrand(), "riverside-health")) {
            Integrations.webhook(key)
                    .body(Mentions.valid(brand))
                    .post("/api/mentions")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("may not submit mentions for brand " + brand));
        }
        Integrations.webhook(key)
                .body(Map.of("mentions", List.of(Mentions.valid(granted))))
                .post("/api/mentions/batch")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(1))
                .body("results[0].violations[0].field", equalTo("brandId"));

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("brandIds", List.of(granted)))
                .put("/api/integrations/" + created.get("id") + "/brands")
                .then()
                .statusCode(200);
        Integrations.webhook(key)
                .body(Mentions.valid(granted))
                .post("/api/mentions")
                .then()
                .statusCode(202);
        Integrations.webhook(key)
                .body(Mentions.valid(Mentions.uniqueBrand()))
                .post("/api/mentions")
                .then()
                .statusCode(403);
    }

    @Test
    void tokensFromAnotherAudienceOrUnsignedAreRefused() {
        Api.as(Tokens.forAudience("another-app", "elsewhere", Roles.ADMIN))
                .get("/api/brands")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        var token = Tokens.viewer();
        var unsigned = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        Api.as(unsigned)
                .get("/api/brands")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body(not(containsString(unsigned)));
    }

    private static double refused(String reason) {
        for (var line : Management.metrics().split("\n")) {
            if (line.startsWith(
                    "caresignal_webhook_auth_failures_total{reason=\"" + reason + "\"}")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
