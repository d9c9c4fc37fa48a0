package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleResourceTest {

    private static final String PARKING =
            "They clamped every car in the lot and the cashier laughed, total parking extortion";

    @Test
    void theDefaultCriticalRulesAreSeededAndListed() {
        Api.asAdmin()
                .get("/api/rules/critical-posts")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        hasItems(
                                "violence-threat",
                                "bomb",
                                "shooting",
                                "data-breach",
                                "ransomware",
                                "outbreak",
                                "patient-safety"));
        Api.asAdmin()
                .get("/api/rules/critical-posts/data-breach")
                .then()
                .statusCode(200)
                .body("category", equalTo("breach"))
                .body("enabled", equalTo(true));
    }

    @Test
    void aNewRuleRaisesCriticalIncidentsAtOnceAndADeletedOneNoLonger() {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \"parking-extortion\", \"category\": \"complaint\", \"match\":"
                                + " \"\\\\bparking extortion\\\\b\", \"unless\": \"\\\\bno parking"
                                + " extortion\\\\b\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(201)
                .body("id", equalTo("parking-extortion"))
                .body("match", equalTo("\\bparking extortion\\b"));
        try {
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body("{\"id\": \"parking-extortion\", \"category\": \"x\", \"match\": \"a\"}")
                    .post("/api/rules/critical-posts")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");

            var brand = ScoredMentions.uniqueBrand();
            KafkaTestClient.send(
                    ScoredMentions.TOPIC,
                    brand,
                    ScoredMentions.at(brand, "NEGATIVE", Scenario.T0.plusSeconds(30), PARKING));
            var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
            assertThat(incidents.getString("[0].kind")).isEqualTo("CRITICAL_POST");
            assertThat(incidents.getList("[0].explanation.triggers", String.class))
                    .containsExactly("CRITICAL_POST:parking-extortion");

            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(
                            "{\"category\": \"complaint\", \"match\": \"\\\\bparking"
                                    + " extortion\\\\b\", \"enabled\": false}")
                    .put("/api/rules/critical-posts/parking-extortion")
                    .then()
                    .statusCode(200)
                    .body("enabled", equalTo(false))
                    .body("unless", nullValue());
        } finally {
            Api.asAdmin()
                    .delete("/api/rules/critical-posts/parking-extortion")
                    .then()
                    .statusCode(204);
        }
        Api.asAdmin().get("/api/rules/critical-posts/parking-extortion").then().statusCode(404);
        Api.asAdmin()
                .get("/api/rules/critical-posts")
                .then()
                .body("id", not(hasItem("parking-extortion")));

        var calm = ScoredMentions.uniqueBrand();
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                calm,
                ScoredMentions.at(calm, "NEGATIVE", Scenario.T0.plusSeconds(30), PARKING));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Stats.get(calm, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")
                                                .getInt("totals.total")
                                        == 1);
        assertThat(Scenario.incidents(calm).getList("$")).isEmpty();
    }

    @Test
    void aBrandsOwnRuleRaisesIncidentsForThatBrandOnlyAndItsScopeIsFixed() {
        var brand = ScoredMentions.uniqueBrand();
        var other = ScoredMentions.uniqueBrand();
        var id = "valet-" + brand;
        var admin = "rules-admin-" + brand;
        var valet = "The valet fiasco at the main entrance cost me my appointment";
        Api.asUser(admin, "admin")
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \""
                                + id
                                + "\", \"brandId\": \""
                                + brand
                                + "\", \"category\": \"complaint\", \"match\":"
                                + " \"\\\\bvalet fiasco\\\\b\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(201)
                .body("brandId", equalTo(brand));
        try {
            // Listed with every rule, and among the rules of its brand only.
            Api.asAdmin()
                    .get("/api/rules/critical-posts")
                    .then()
                    .body("id", hasItems(id, "bomb"))
                    .body("find { it.id == 'bomb' }.brandId", nullValue());
            Api.asAdmin()
                    .queryParam("brand", brand)
                    .get("/api/rules/critical-posts")
                    .then()
                    .statusCode(200)
                    .body("id", hasItems(id, "bomb"));
            Api.asAdmin()
                    .queryParam("brand", other)
                    .get("/api/rules/critical-posts")
                    .then()
                    .statusCode(200)
                    .body("id", hasItem("bomb"))
                    .body("id", not(hasItem(id)));
            Api.asAdmin()
                    .queryParam("brand", "Not A Slug")
                    .get("/api/rules/critical-posts")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("brand"));

            // The scope is set at creation: a PUT may repeat it or leave it out, not change it.
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(
                            "{\"brandId\": \""
                                    + other
                                    + "\", \"category\": \"complaint\", \"match\": \"valet\"}")
                    .put("/api/rules/critical-posts/" + id)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("brandId"));
            Api.asAdmin()
                    .contentType(ContentType.JSON)
                    .body(
                            "{\"category\": \"complaint\", \"match\":"
                                    + " \"\\\\bvalet fiasco\\\\b\"}")
                    .put("/api/rules/critical-posts/" + id)
                    .then()
                    .statusCode(200)
                    .body("brandId", equalTo(brand));
            Api.asAdmin()
                    .get("/api/rules/critical-posts/" + id)
                    .then()
                    .body("brandId", equalTo(brand));

            // Audited with its scope, under the token's user.
            Api.asAdmin()
                    .queryParam("user", admin)
                    .queryParam("action", "critical-rule.create")
                    .get("/api/audit")
                    .then()
                    .statusCode(200)
                    .body("items[0].target", equalTo(id))
                    .body("items[0].detail", equalTo("category complaint, brand " + brand));

            // Live: the brand's post raises a critical incident, the other brand's does not.
            KafkaTestClient.send(
                    ScoredMentions.TOPIC,
                    other,
                    ScoredMentions.at(other, "NEGATIVE", Scenario.T0.plusSeconds(30), valet));
            KafkaTestClient.send(
                    ScoredMentions.TOPIC,
                    brand,
                    ScoredMentions.at(brand, "NEGATIVE", Scenario.T0.plusSeconds(30), valet));
            var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
            assertThat(incidents.getString("[0].kind")).isEqualTo("CRITICAL_POST");
            assertThat(incidents.getList("[0].explanation.triggers", String.class))
                    .containsExactly("CRITICAL_POST:" + id);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    Stats.get(other, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")
                                                    .getInt("totals.total")
                                            == 1);
            assertThat(Scenario.incidents(other).getList("$")).isEmpty();
        } finally {
            Api.asAdmin().delete("/api/rules/critical-posts/" + id).then().statusCode(204);
        }
    }

    @Test
    void aBrandsDisabledOverrideSwitchesAGlobalRuleOffForThatBrandOnly() {
        var brand = ScoredMentions.uniqueBrand();
        var other = ScoredMentions.uniqueBrand();
        var off = "no-breach-" + brand;
        // Only a brand's rule overrides, and only a global rule that exists.
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \"g-"
                                + brand
                                + "\", \"category\": \"x\", \"match\": \"a\","
                                + " \"overrides\": \"data-breach\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("overrides"));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \""
                                + off
                                + "\", \"brandId\": \""
                                + brand
                                + "\", \"category\": \"x\", \"match\": \"a\","
                                + " \"overrides\": \"no-such-rule\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("overrides"));

        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \""
                                + off
                                + "\", \"brandId\": \""
                                + brand
                                + "\", \"category\": \"breach\", \"match\": \"hacked\","
                                + " \"enabled\": false, \"overrides\": \"data-breach\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(201)
                .body("overrides", equalTo("data-breach"))
                .body("enabled", equalTo(false));
        try {
            Api.asAdmin()
                    .get("/api/rules/critical-posts/" + off)
                    .then()
                    .body("overrides", equalTo("data-breach"));

            // Live: the other brand's breach post is critical, this brand's is not.
            KafkaTestClient.send(
                    ScoredMentions.TOPIC,
                    brand,
                    ScoredMentions.at(
                            brand, "NEGATIVE", Scenario.T0.plusSeconds(30), Scenario.BREACH));
            KafkaTestClient.send(
                    ScoredMentions.TOPIC,
                    other,
                    ScoredMentions.at(
                            other, "NEGATIVE", Scenario.T0.plusSeconds(30), Scenario.BREACH));
            var incidents = Scenario.awaitIncidents(other, j -> j.getList("$").size() == 1);
            assertThat(incidents.getList("[0].explanation.triggers", String.class))
                    .containsExactly("CRITICAL_POST:data-breach");
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    Stats.get(brand, "2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")
                                                    .getInt("totals.total")
                                            == 1);
            assertThat(Scenario.incidents(brand).getList("$")).isEmpty();
        } finally {
            Api.asAdmin().delete("/api/rules/critical-posts/" + off).then().statusCode(204);
        }
    }

    @Test
    void badCriticalRulesAreRefused() {
        bad(
                "{\"id\": \"ok-id\", \"brandId\": \"Not A Slug\", \"category\": \"x\","
                        + " \"match\": \"a\"}",
                "brandId");
        bad("{\"id\": \"Bad Id\", \"category\": \"x\", \"match\": \"a\"}", "id");
        bad("{\"id\": \"ok-id\", \"category\": \"\", \"match\": \"a\"}", "category");
        bad("{\"id\": \"ok-id\", \"category\": \"x\"}", "match");
        bad("{\"id\": \"ok-id\", \"category\": \"x\", \"match\": \"(unclosed\"}", "match");
        // What RE2/J cannot run in linear time is refused, saying what and where.
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \"ok-id\", \"category\": \"x\", \"match\":"
                                + " \"(?<!no )strike\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("match"))
                .body(
                        "violations[0].message",
                        org.hamcrest.Matchers.containsString(
                                "lookbehind is not supported at position 0"));
        bad(
                "{\"id\": \"ok-id\", \"category\": \"x\", \"match\": \"a\","
                        + " \"unless\": \"(a)\\\\1\"}",
                "unless");
        bad(
                "{\"id\": \"ok-id\", \"category\": \"x\", \"match\": \"a\", \"unless\": \"[\"}",
                "unless");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"category\": \"x\", \"match\": \"a\"}")
                .put("/api/rules/critical-posts/no-such-rule")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aBrandsDetectorConfigurationIsServedAndUsedByTheLiveDetector() {
        var brand = ScoredMentions.uniqueBrand();
        Api.asAdmin()
                .get("/api/rules/detectors/" + brand)
                .then()
                .statusCode(200)
                .body("custom", equalTo(false))
                .body("effective.sensitivity", equalTo("balanced"))
                .body("effective.minNegative", equalTo(5));
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"sensitivity\": \"low\", \"minNegative\": 500, \"minTotal\": 500}")
                .put("/api/rules/detectors/" + brand)
                .then()
                .statusCode(200)
                .body("custom", equalTo(true))
                .body("configured.sensitivity", equalTo("low"))
                .body("configured.alphaFire", nullValue())
                .body("effective.minNegative", equalTo(500))
                .body("effective.alphaFire", equalTo(1.0e-8f));
        Api.asAdmin()
                .get("/api/rules/detectors")
                .then()
                .statusCode(200)
                .body("brandId", hasItem(brand));

        // The spike every other test pages on does not page this brand.
        Scenario.spike(brand);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Stats.get(brand, "2026-01-05T00:00:00Z", "2026-01-07T00:00:00Z")
                                                .getInt("totals.total")
                                        == 34);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> Scenario.incidents(brand).getList("$").isEmpty());

        Api.asAdmin().delete("/api/rules/detectors/" + brand).then().statusCode(204);
        Api.asAdmin().delete("/api/rules/detectors/" + brand).then().statusCode(404);
        Api.asAdmin()
                .get("/api/rules/detectors/" + brand)
                .then()
                .statusCode(200)
                .body("custom", equalTo(false));
    }

    @Test
    void badDetectorConfigurationsAreRefused() {
        badDetector("{\"sensitivity\": \"extreme\"}", "sensitivity");
        badDetector("{\"minNegative\": 0}", "minNegative");
        badDetector("{\"alphaFire\": 0.5}", "alphaFire");
        badDetector("{\"onBuckets\": 99}", "onBuckets");
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{}")
                .put("/api/rules/detectors/Not%20A%20Slug")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("brandId"));
    }

    private static void bad(String body, String field) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static void badDetector(String body, String field) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/rules/detectors/riverside-health")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
