package org.caresignal.alert.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.ExplorerStubs;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BacktestResourceTest {

    private static final String RANGE =
            "\"from\": \"2026-01-05T00:00:00Z\", \"to\": \"2026-01-07T00:00:00Z\"";
    private static final String VALET = "The valet fiasco at the main entrance again";

    /** A stored mention of {@code brand} as sentiment-service's search shows it. */
    private static ObjectNode mention(
            String brand, String id, String publishedAt, String text, String removed) {
        var m = ExplorerStubs.exampleMention(0, brand);
        m.put("mentionId", id);
        m.put("publishedAt", publishedAt);
        m.put("url", "https://social.example/@someone/" + id.substring(0, 8));
        if (text == null) {
            m.putNull("text");
            m.putNull("url");
            m.put("textRemoved", removed);
        } else {
            m.put("text", text);
        }
        return m;
    }

    /** sentiment-service's search of {@code brand}: two pages joined by a cursor. */
    private static void stubTwoPages(
            String brand, List<ObjectNode> first, List<ObjectNode> second) {
        var page1 = ExplorerStubs.mentionPage(first);
        page1.put("nextCursor", "page-2-of-" + brand);
        var page2 = ExplorerStubs.mentionPage(second);
        page2.putNull("total");
        var client = ConsoleServices.client();
        client.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", WireMock.equalTo(brand))
                        .withQueryParam("cursor", absent())
                        .atPriority(1)
                        .willReturn(ExplorerStubs.json(200, page1.toString())));
        client.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", WireMock.equalTo(brand))
                        .withQueryParam("cursor", WireMock.equalTo("page-2-of-" + brand))
                        .atPriority(1)
                        .willReturn(ExplorerStubs.json(200, page2.toString())));
    }

    private static List<LoggedRequest> searchesOf(String brand) {
        return ConsoleServices.client()
                .find(
                        getRequestedFor(urlPathEqualTo("/api/mentions"))
                                .withQueryParam("brand", WireMock.equalTo(brand)));
    }

    private static void createRule(String id, String brand, String match) {
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\": \""
                                + id
                                + "\", \"brandId\": \""
                                + brand
                                + "\", \"category\": \"complaint\", \"match\": \""
                                + match
                                + "\"}")
                .post("/api/rules/critical-posts")
                .then()
                .statusCode(201);
    }

    @Test
    void theSavedCriticalPostRulesOfTheBrandAreReplayedOverItsStoredMentionsWithoutText() {
        var brand = ScoredMentions.uniqueBrand();
        var other = ScoredMentions.uniqueBrand();
        var own = "valet-" + brand;
        var foreign = "calm-" + other;
        createRule(own, brand, "valet fiasco");
        // Another brand's rule matching this brand's calm post must not run here.
        createRule(foreign, other, "all fine");
        try {
            stubTwoPages(
                    brand,
                    List.of(
                            mention(
                                    brand,
                                    "00000000-0000-3000-8000-000000000005",
                                    "2026-01-06T20:00:00Z",
                                    VALET,
                                    null),
                            mention(
                                    brand,
                                    "00000000-0000-3000-8000-000000000004",
                                    "2026-01-06T10:00:00Z",
                                    null,
                                    "ERASED"),
                            mention(
                                    brand,
                                    "00000000-0000-3000-8000-000000000003",
                                    "2026-01-06T02:00:00Z",
                                    Scenario.CALM,
                                    null)),
                    List.of(
                            mention(
                                    brand,
                                    "00000000-0000-3000-8000-000000000002",
                                    "2026-01-05T12:00:00Z",
                                    null,
                                    "PURGED"),
                            mention(
                                    brand,
                                    "00000000-0000-3000-8000-000000000001",
                                    "2026-01-05T08:00:00Z",
                                    Scenario.BREACH,
                                    null)));

            var answer =
                    backtest("{\"brandId\": \"" + brand + "\", " + RANGE + "}")
                            .statusCode(200)
                            .body("pages", equalTo(0))
                            .body("criticalPosts.status", equalTo("REPLAYED"))
                            .body("criticalPosts.rulesSource", equalTo("saved"))
                            .body("criticalPosts.detail", nullValue())
                            .body("criticalPosts.rules", hasItem(own))
                            .body("criticalPosts.rules", hasItem("data-breach"))
                            .body("criticalPosts.rules", not(hasItem(foreign)))
                            .body("criticalPosts.mentions", equalTo(5))
                            .body("criticalPosts.replayed", equalTo(3))
                            .body("criticalPosts.notReplayable", equalTo(2))
                            .body(
                                    "criticalPosts.notReplayableReasons",
                                    equalTo(Map.of("ERASED", 1, "PURGED", 1)))
                            .body("criticalPosts.matched", equalTo(2))
                            .body(
                                    "criticalPosts.matchesByRule",
                                    equalTo(Map.of("data-breach", 1, own, 1)))
                            .body("criticalPosts.postsTruncated", equalTo(false))
                            .body("criticalPosts.replayedFrom", nullValue())
                            .body(
                                    "criticalPosts.posts.mentionId",
                                    equalTo(
                                            List.of(
                                                    "00000000-0000-3000-8000-000000000001",
                                                    "00000000-0000-3000-8000-000000000005")))
                            .body(
                                    "criticalPosts.posts.publishedAt",
                                    equalTo(
                                            List.of(
                                                    "2026-01-05T08:00:00Z",
                                                    "2026-01-06T20:00:00Z")))
                            .body(
                                    "criticalPosts.posts.ruleId",
                                    equalTo(List.of("data-breach", own)))
                            .body(
                                    "criticalPosts.posts.facilityId",
                                    equalTo(List.of("riverside-north", "riverside-north")))
                            .extract()
                            .asString();
            // Ids, times and rule ids only: no text or link goes back to the caller.
            assertThat(answer)
                    .doesNotContain("valet fiasco")
                    .doesNotContain("leaked")
                    .doesNotContain("all fine")
                    .doesNotContain("social.example");

            // Read as the analyst (sentiment-service checks the role and audits the search), over
            // exactly the backtest's range, by the cursor.
            var searches = searchesOf(brand);
            assertThat(searches).hasSize(2);
            for (var r : searches) {
                assertThat(ExplorerStubs.username(r.getHeader("Authorization")))
                        .isEqualTo("analyst");
                assertThat(r.queryParameter("from").firstValue()).isEqualTo("2026-01-05T00:00:00Z");
                assertThat(r.queryParameter("to").firstValue()).isEqualTo("2026-01-07T00:00:00Z");
                assertThat(r.queryParameter("size").firstValue()).isEqualTo("200");
            }
        } finally {
            Api.asAdmin().delete("/api/rules/critical-posts/" + own).then().statusCode(204);
            Api.asAdmin().delete("/api/rules/critical-posts/" + foreign).then().statusCode(204);
        }
    }

    @Test
    void aGlobalRuleTheBrandSwitchedOffIsNotReplayedForIt() {
        var brand = ScoredMentions.uniqueBrand();
        var off = "no-breach-" + brand;
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
                .statusCode(201);
        try {
            stubTwoPages(
                    brand,
                    List.of(
                            mention(
                                    brand,
                                    "00000000-0000-3000-8000-000000000041",
                                    "2026-01-05T08:00:00Z",
                                    Scenario.BREACH,
                                    null)),
                    List.of());

            backtest("{\"brandId\": \"" + brand + "\", " + RANGE + "}")
                    .statusCode(200)
                    .body("criticalPosts.status", equalTo("REPLAYED"))
                    .body("criticalPosts.rulesSource", equalTo("saved"))
                    .body("criticalPosts.rules", not(hasItem("data-breach")))
                    .body("criticalPosts.rules", hasItem("bomb"))
                    .body("criticalPosts.replayed", equalTo(1))
                    .body("criticalPosts.matched", equalTo(0));

            // The same switch-off as candidates in the request.
            backtest(
                            "{\"brandId\": \""
                                    + brand
                                    + "\", "
                                    + RANGE
                                    + ", \"criticalRules\": [{\"id\": \"data-breach\","
                                    + " \"category\": \"breach\", \"match\": \"hacked\"},"
                                    + " {\"id\": \"off\", \"brandId\": \""
                                    + brand
                                    + "\", \"category\": \"breach\", \"match\": \"x\","
                                    + " \"enabled\": false, \"overrides\": \"data-breach\"}]}")
                    .statusCode(200)
                    .body("criticalPosts.rulesSource", equalTo("request"))
                    .body("criticalPosts.rules", equalTo(List.of()))
                    .body("criticalPosts.matched", equalTo(0));
        } finally {
            Api.asAdmin().delete("/api/rules/critical-posts/" + off).then().statusCode(204);
        }
    }

    @Test
    void candidateRulesInTheRequestAreTriedInsteadOfTheSavedOnesAndNothingIsSaved() {
        var brand = ScoredMentions.uniqueBrand();
        stubTwoPages(
                brand,
                List.of(
                        mention(
                                brand,
                                "00000000-0000-3000-8000-000000000031",
                                "2026-01-06T20:00:00Z",
                                VALET,
                                null),
                        mention(
                                brand,
                                "00000000-0000-3000-8000-000000000032",
                                "2026-01-05T08:00:00Z",
                                Scenario.BREACH,
                                null)),
                List.of());
        var candidate = "try-valet-" + brand;

        backtest(
                        "{\"brandId\": \""
                                + brand
                                + "\", "
                                + RANGE
                                + ", \"criticalRules\": [{\"id\": \""
                                + candidate
                                + "\", \"brandId\": \""
                                + brand
                                + "\", \"category\": \"complaint\", \"match\":"
                                + " \"\\\\bvalet fiasco\\\\b\"}]}")
                .statusCode(200)
                .body("criticalPosts.status", equalTo("REPLAYED"))
                .body("criticalPosts.rulesSource", equalTo("request"))
                // Only the candidate ran: the saved data-breach rule did not.
                .body("criticalPosts.rules", equalTo(List.of(candidate)))
                .body("criticalPosts.matched", equalTo(1))
                .body(
                        "criticalPosts.posts.mentionId",
                        equalTo(List.of("00000000-0000-3000-8000-000000000031")));
        Api.asAdmin().get("/api/rules/critical-posts/" + candidate).then().statusCode(404);

        // Without candidates the saved rules run again.
        backtest("{\"brandId\": \"" + brand + "\", " + RANGE + "}")
                .statusCode(200)
                .body("criticalPosts.rulesSource", equalTo("saved"))
                .body("criticalPosts.matchesByRule", equalTo(Map.of("data-breach", 1)));
    }

    @Test
    void badCandidateRulesAre400ProblemsNamingTheRuleAndField() {
        var base = "{\"brandId\": \"x-brand\", " + RANGE + ", \"criticalRules\": [";
        badCandidate(
                base + "{\"id\": \"ok\", \"category\": \"x\", \"match\": \"(?<!no )strike\"}]}",
                "criticalRules[0].match");
        badCandidate(
                base
                        + "{\"id\": \"ok\", \"category\": \"x\", \"match\": \"a\"},"
                        + " {\"id\": \"Bad Id\", \"category\": \"x\", \"match\": \"a\"}]}",
                "criticalRules[1].id");
        badCandidate(
                base
                        + "{\"id\": \"ok\", \"category\": \"x\", \"match\": \"a\"},"
                        + " {\"id\": \"ok\", \"category\": \"x\", \"match\": \"b\"}]}",
                "criticalRules[1].id");
        badCandidate(
                base
                        + "{\"id\": \"ok\", \"brandId\": \"another-brand\", \"category\": \"x\","
                        + " \"match\": \"a\"}]}",
                "criticalRules[0].brandId");
        badCandidate(base + "{\"id\": \"ok\", \"match\": \"a\"}]}", "criticalRules[0].category");
    }

    private static void badCandidate(String body, String field) {
        backtest(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    @Test
    void aFacilitysBacktestReplaysThatFacilitysMentions() {
        var brand = ScoredMentions.uniqueBrand();
        stubTwoPages(
                brand,
                List.of(
                        mention(
                                brand,
                                "00000000-0000-3000-8000-000000000011",
                                "2026-01-05T08:00:00Z",
                                Scenario.BREACH,
                                null)),
                List.of());

        backtest(
                        "{\"brandId\": \""
                                + brand
                                + "\", \"facilityId\": \"riverside-north\", "
                                + RANGE
                                + "}")
                .statusCode(200)
                .body("criticalPosts.status", equalTo("REPLAYED"))
                .body("criticalPosts.matched", equalTo(1));
        assertThat(searchesOf(brand))
                .allSatisfy(
                        r ->
                                assertThat(r.queryParameter("facility").firstValue())
                                        .isEqualTo("riverside-north"));
    }

    @Test
    void withoutTheRightToReadPostsOrWhenAskedNotToNoMentionIsReadAndTheSpikeReplayStillRuns() {
        var brand = ScoredMentions.uniqueBrand();
        stubTwoPages(
                brand,
                List.of(
                        mention(
                                brand,
                                "00000000-0000-3000-8000-000000000021",
                                "2026-01-05T08:00:00Z",
                                Scenario.BREACH,
                                null)),
                List.of());
        var request = "{\"brandId\": \"" + brand + "\", " + RANGE + "}";

        // An admin configures, but does not read posts (docs/security.md).
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/backtest")
                .then()
                .statusCode(200)
                .body("buckets", equalTo(576))
                .body("criticalPosts.status", equalTo("NOT_PERMITTED"))
                .body("criticalPosts.detail", org.hamcrest.Matchers.containsString("analyst"))
                .body("criticalPosts.mentions", equalTo(0))
                .body("criticalPosts.posts.size()", equalTo(0));
        backtest("{\"brandId\": \"" + brand + "\", " + RANGE + ", \"criticalPosts\": false}")
                .statusCode(200)
                .body("criticalPosts.status", equalTo("OFF"))
                .body("criticalPosts.matched", equalTo(0));
        assertThat(searchesOf(brand)).isEmpty();
    }

    @Test
    void whenSentimentServiceDoesNotAnswerOrRefusesTheReplayIsReportedUnavailable() {
        // Nothing stubbed for this brand: the stand-in answers 503.
        var silent = ScoredMentions.uniqueBrand();
        backtest("{\"brandId\": \"" + silent + "\", " + RANGE + "}")
                .statusCode(200)
                .body("buckets", equalTo(576))
                .body("criticalPosts.status", equalTo("UNAVAILABLE"))
                .body(
                        "criticalPosts.detail",
                        equalTo("sentiment-service is not answering; the spike replay ran"))
                .body("criticalPosts.matched", equalTo(0));

        var refused = ScoredMentions.uniqueBrand();
        ConsoleServices.client()
                .register(
                        get(urlPathEqualTo("/api/mentions"))
                                .withQueryParam("brand", WireMock.equalTo(refused))
                                .atPriority(1)
                                .willReturn(ExplorerStubs.problem(403, "secret remote words")));
        backtest("{\"brandId\": \"" + refused + "\", " + RANGE + "}")
                .statusCode(200)
                .body("criticalPosts.status", equalTo("UNAVAILABLE"))
                .body(
                        "criticalPosts.detail",
                        equalTo(
                                "sentiment-service refused to show the mentions to the caller"
                                        + " (HTTP 403); the spike replay ran"))
                .body("criticalPosts.posts.size()", equalTo(0));
    }

    private static io.restassured.response.ValidatableResponse backtest(String body) {
        return Api.asAnalyst()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/backtest")
                .then();
    }

    @Test
    void replaysStoredCountsAndListsTheIncidentsAConfigurationWouldHaveOpened() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.spike(brand);
        Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var range = "\"from\": \"2026-01-05T00:00:00Z\", \"to\": \"2026-01-07T00:00:00Z\"";

        backtest("{\"brandId\": \"" + brand + "\", " + range + "}")
                .statusCode(200)
                .body("sensitivity", equalTo("balanced"))
                .body("bucketMinutes", equalTo(5))
                .body("buckets", equalTo(576))
                .body("pages", equalTo(1))
                .body("incidents[0].pagedAt", equalTo(Scenario.SPIKE.plusSeconds(300).toString()))
                .body("incidents[0].episodeStart", equalTo(Scenario.SPIKE.toString()))
                .body("incidents[0].resolvedAt", equalTo("2026-01-06T03:05:00Z"))
                .body("incidents[0].severity", equalTo("HIGH"))
                .body(
                        "incidents[0].triggers",
                        equalTo(List.of("NEGATIVE_VOLUME", "NEGATIVE_SHARE", "TOTAL_VOLUME")))
                .body("incidents[0].peakScore", equalTo(1.0f))
                .body("incidents[0].reopens", equalTo(0));

        backtest(
                        "{\"brandId\": \""
                                + brand
                                + "\", "
                                + range
                                + ", \"minNegative\": 100, \"minTotal\": 100}")
                .statusCode(200)
                .body("pages", equalTo(0))
                .body("incidents.size()", equalTo(0));
    }

    @Test
    void withoutSettingsTheBrandsSavedConfigurationRunsElseTheDefaultAndTheResponseSaysWhich() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.spike(brand);
        Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var range = "\"from\": \"2026-01-05T00:00:00Z\", \"to\": \"2026-01-07T00:00:00Z\"";
        var onlyBrand = "{\"brandId\": \"" + brand + "\", " + range + "}";
        var preset =
                Api.asAdmin()
                        .get("/api/rules/detectors/" + brand)
                        .then()
                        .statusCode(200)
                        .body("custom", equalTo(false))
                        .extract()
                        .jsonPath();

        // Nothing saved: the service default runs.
        backtest(onlyBrand)
                .statusCode(200)
                .body("settingsSource", equalTo("default"))
                .body("sensitivity", equalTo("balanced"))
                .body("settings.sensitivity", equalTo("balanced"))
                .body("settings.minNegative", equalTo(preset.getInt("effective.minNegative")))
                .body("settings.onBuckets", equalTo(preset.getInt("effective.onBuckets")))
                .body("pages", equalTo(1));

        // Saved thresholds too high for this spike: the same request now replays them, no page.
        Api.asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"sensitivity\": \"low\", \"minNegative\": 100, \"minTotal\": 100}")
                .put("/api/rules/detectors/" + brand)
                .then()
                .statusCode(200);
        try {
            backtest(onlyBrand)
                    .statusCode(200)
                    .body("settingsSource", equalTo("brand"))
                    .body("sensitivity", equalTo("low"))
                    .body("settings.sensitivity", equalTo("low"))
                    .body("settings.minNegative", equalTo(100))
                    .body("settings.minTotal", equalTo(100))
                    .body("pages", equalTo(0))
                    .body("incidents.size()", equalTo(0));

            // Settings in the request win over the saved ones.
            backtest(
                            "{\"brandId\": \""
                                    + brand
                                    + "\", "
                                    + range
                                    + ", \"sensitivity\": \"balanced\"}")
                    .statusCode(200)
                    .body("settingsSource", equalTo("request"))
                    .body("settings.sensitivity", equalTo("balanced"))
                    .body("settings.minNegative", equalTo(preset.getInt("effective.minNegative")))
                    .body("pages", equalTo(1));
            backtest("{\"brandId\": \"" + brand + "\", " + range + ", \"onBuckets\": 3}")
                    .statusCode(200)
                    .body("settingsSource", equalTo("request"))
                    .body("settings.sensitivity", equalTo("balanced"))
                    .body("settings.onBuckets", equalTo(3));
        } finally {
            Api.asAdmin().delete("/api/rules/detectors/" + brand).then().statusCode(204);
        }
        backtest(onlyBrand).statusCode(200).body("settingsSource", equalTo("default"));
    }

    @Test
    void invalidConfigurationsAre400ProblemsNamingTheField() {
        backtest("{\"brandId\": \"x-brand\", \"sensitivity\": \"paranoid\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("sensitivity"));
        backtest("{\"sensitivity\": \"low\"}")
                .statusCode(400)
                .body("violations.field", hasItem("brandId"));
        // The preset is matched without regard to case (written without an inline (?i) flag).
        backtest("{\"brandId\": \"x-brand\", \"sensitivity\": \"HiGh\"}")
                .statusCode(200)
                .body("settings.sensitivity", equalTo("high"));
        backtest("{\"brandId\": \"x-brand\", \"sensitivity\": \"highest\"}")
                .statusCode(400)
                .body("violations.field", hasItem("sensitivity"));
        backtest(
                        "{\"brandId\": \"x-brand\", \"from\": \"2026-01-07T00:00:00Z\","
                                + " \"to\": \"2026-01-05T00:00:00Z\"}")
                .statusCode(400)
                .body("violations.field", hasItem("from"));
        backtest("{\"brandId\": \"x-brand\", \"alphaFire\": 0.2}")
                .statusCode(400)
                .body("violations.field", hasItem("alphaFire"));
        backtest("not json").statusCode(400).contentType("application/problem+json");
    }
}
