package org.caresignal.sentiment.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.caresignal.sentiment.domain.PhraseRule;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.PhraseRuleRepository;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.PhraseRuleService;
import org.caresignal.sentiment.support.Mentions;
import org.caresignal.sentiment.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A brand's phrase rules over HTTP and the real database: admins write, analysts and admins read
 * (JSON and the file evaluate reads), viewers and responders are refused, bad input is a problem,
 * every change and read is audited under the caller.
 */
@QuarkusTest
class PhraseRuleResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject PhraseRuleRepository repository;
    @Inject PhraseRuleService service;

    @Test
    void anAdminAddsAndDeletesRulesAnalystsReadThemAndEachCallIsAudited() {
        var brand = Mentions.freshBrand();
        var admin = Tokens.freshUser("rules-admin");
        var adminToken = Tokens.of(admin, Roles.ADMIN);

        var ruleId =
                given().auth()
                        .oauth2(adminToken)
                        .contentType("application/json")
                        .body(
                                Map.of(
                                        "phrase",
                                        "  War \n Zone ",
                                        "polarity",
                                        "neutral",
                                        "note",
                                        "what the trauma team calls a busy night"))
                        .when()
                        .post("/api/brands/{brand}/phrase-rules", brand)
                        .then()
                        .statusCode(201)
                        .body("brandId", equalTo(brand))
                        .body("phrase", equalTo("War Zone"))
                        .body("polarity", equalTo("NEUTRAL"))
                        .body("note", equalTo("what the trauma team calls a busy night"))
                        .body("createdBy", equalTo(admin))
                        .extract()
                        .<String>path("ruleId");
        given().auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .body(Map.of("phrase", "angels of mercy", "polarity", "POSITIVE"))
                .when()
                .post("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(201)
                .body("note", nullValue());

        given().auth()
                .oauth2(Tokens.analyst())
                .when()
                .get("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("brandId", equalTo(brand))
                .body("items", hasSize(2))
                .body("items[0].ruleId", equalTo(ruleId))
                .body("items[0].phrase", equalTo("War Zone"))
                .body("items[1].polarity", equalTo("POSITIVE"));
        var tsv =
                given().auth()
                        .oauth2(adminToken)
                        .queryParam("format", "tsv")
                        .when()
                        .get("/api/brands/{brand}/phrase-rules", brand)
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/tab-separated-values"))
                        .extract()
                        .asString();
        assertThat(tsv).isEqualTo("neutral\tWar Zone\npositive\tangels of mercy\n");
        assertThat(PhraseRules.readTsv(tsv.lines().toList()).fingerprint())
                .isEqualTo(service.current(brand).fingerprint());

        given().auth()
                .oauth2(adminToken)
                .when()
                .delete("/api/brands/{brand}/phrase-rules/{id}", brand, ruleId)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(adminToken)
                .when()
                .delete("/api/brands/{brand}/phrase-rules/{id}", brand, ruleId)
                .then()
                .statusCode(404)
                .contentType(startsWith(PROBLEM));
        assertThat(service.current(brand).size()).isEqualTo(1);

        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("user", admin)
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("items.action", hasItem("phrase-rule.create"))
                .body("items.action", hasItem("phrase-rule.delete"))
                .body("items.action", hasItem("phrase-rules.read"))
                .body("items.target", hasItem("brand=" + brand + "&rule=" + ruleId))
                .body(
                        "items.detail",
                        hasItem(startsWith("polarity=NEUTRAL phrase=War Zone rules=")))
                .body("items.detail", hasItem("not found"))
                .body("items.detail", hasItem("format=tsv"));
    }

    @Test
    void onlyAdminsWriteAndOnlyAdminsAndAnalystsRead() {
        var brand = Mentions.freshBrand();
        var body = Map.of("phrase", "Dr. Payne", "polarity", "NEUTRAL");
        for (var token : new String[] {Tokens.analyst(), Tokens.viewer(), Tokens.responder()}) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(body)
                    .when()
                    .post("/api/brands/{brand}/phrase-rules", brand)
                    .then()
                    .statusCode(403)
                    .contentType(startsWith(PROBLEM));
            given().auth()
                    .oauth2(token)
                    .when()
                    .delete("/api/brands/{brand}/phrase-rules/{id}", brand, UUID.randomUUID())
                    .then()
                    .statusCode(403)
                    .contentType(startsWith(PROBLEM));
        }
        for (var token : new String[] {Tokens.viewer(), Tokens.responder()}) {
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/brands/{brand}/phrase-rules", brand)
                    .then()
                    .statusCode(403)
                    .contentType(startsWith(PROBLEM));
        }
        given().when()
                .get("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(401)
                .contentType(startsWith(PROBLEM));
        assertThat(service.current(brand).isEmpty()).isTrue();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        var brand = Mentions.freshBrand();
        refused(brand, Map.of("polarity", "NEUTRAL"), "phrase", "is required");
        refused(brand, Map.of("phrase", "   ", "polarity", "NEUTRAL"), "phrase", "is required");
        refused(
                brand,
                Map.of("phrase", "x".repeat(201), "polarity", "NEUTRAL"),
                "phrase",
                "must be at most 200 characters");
        refused(
                brand,
                Map.of("phrase", "?!", "polarity", "NEUTRAL"),
                "phrase",
                "must hold a letter or a digit");
        refused(brand, Map.of("phrase", "war zone"), "polarity", "is required");
        refused(
                brand,
                Map.of("phrase", "war zone", "polarity", "mixed"),
                "polarity",
                "must be NEUTRAL, POSITIVE or NEGATIVE");
        refused(
                brand,
                Map.of("phrase", "war zone", "polarity", "NEUTRAL", "note", "n".repeat(501)),
                "note",
                "must be at most 500 characters");
        refused(
                "Not A Slug",
                Map.of("phrase", "war zone", "polarity", "NEUTRAL"),
                "brandId",
                "must be a lower-case slug");
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .delete("/api/brands/{brand}/phrase-rules/{id}", brand, "not-a-uuid")
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("violations[0].field", equalTo("ruleId"));
        given().auth()
                .oauth2(Tokens.analyst())
                .queryParam("format", "xml")
                .when()
                .get("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("violations[0].field", equalTo("format"));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body("{\"phrase\": ")
                .when()
                .post("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM));
        assertThat(service.current(brand).isEmpty()).isTrue();
    }

    @Test
    void aSecondRuleForThePhraseAndOneBeyondTheLimitAreConflicts() {
        var brand = Mentions.freshBrand();
        create(brand, "Dr. Payne", "NEUTRAL").statusCode(201);
        create(brand, "DR.   payne", "NEGATIVE")
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(409))
                .body("detail", startsWith("The brand already has a rule with this phrase"));
        // Another brand may have the same phrase.
        create(Mentions.freshBrand(), "Dr. Payne", "NEGATIVE").statusCode(201);

        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (int i = 1; i < PhraseRuleService.MAX_RULES_PER_BRAND; i++) {
                                var rule = new PhraseRule();
                                rule.ruleId = UUID.randomUUID();
                                rule.brandId = brand;
                                rule.phrase = "phrase " + i;
                                rule.phraseKey = PhraseRules.key(rule.phrase);
                                rule.polarity = SentimentLabel.NEUTRAL;
                                rule.createdBy = "loader";
                                rule.createdAt = Instant.now();
                                repository.persist(rule);
                            }
                        });
        create(brand, "one too many", "NEUTRAL")
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("detail", equalTo("The brand has 500 rules, the most it may have."));
        assertThat(service.current(brand).size()).isEqualTo(PhraseRuleService.MAX_RULES_PER_BRAND);
    }

    private static io.restassured.response.ValidatableResponse create(
            String brand, String phrase, String polarity) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(Map.of("phrase", phrase, "polarity", polarity))
                .when()
                .post("/api/brands/{brand}/phrase-rules", brand)
                .then();
    }

    private static void refused(
            String brand, Map<String, String> body, String field, String message) {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(new HashMap<>(body))
                .when()
                .post("/api/brands/{brand}/phrase-rules", brand)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", equalTo(message));
    }
}
