package org.caresignal.alert.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.ExplorerStubs;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mention explorer against stand-ins of ingest-service and sentiment-service that answer with
 * their published examples: what it forwards (filters, the person's own token), what it shows, and
 * what it never shows (a remote error's text, unsafe links, anything to a non-analyst).
 */
@QuarkusTest
class MentionExplorerTest {

    private static final String ANALYST = "ana.analyst";
    private static final String CORRECTED = "5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93";
    private static final String REMOTE_SECRET = "remote-detail-never-shown-7f3a";

    @TestHTTPResource("/")
    URL root;

    private DashboardLogin.Session analyst;
    private WireMock sentiment;
    private String brand;

    @BeforeEach
    void setUp() {
        sentiment = ConsoleServices.client();
        brand = ScoredMentions.uniqueBrand();
        ExplorerStubs.brand(brand);
        analyst = DashboardLogin.as(ANALYST, "analyst");
    }

    /** The requests to the stand-ins made with {@code username}'s token. */
    private List<LoggedRequest> requestsBy(String username) {
        return sentiment.find(anyRequestedFor(anyUrl())).stream()
                .filter(r -> username.equals(ExplorerStubs.username(r.getHeader("Authorization"))))
                .toList();
    }

    /** This test brand's searches. */
    private List<LoggedRequest> searches() {
        return sentiment.find(
                getRequestedFor(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", equalTo(brand)));
    }

    private String origin() {
        return root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
    }

    private void stubSearch(String body) {
        sentiment.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", equalTo(brand))
                        .atPriority(1)
                        .willReturn(ExplorerStubs.json(200, body)));
    }

    private void stubAgreement() {
        sentiment.register(
                get(urlPathEqualTo("/api/brands/" + brand + "/corrections/agreement"))
                        .atPriority(1)
                        .willReturn(
                                ExplorerStubs.json(
                                        200,
                                        ExplorerStubs.example("sentiment", "agreement")
                                                .toString())));
    }

    /** The example page of two mentions, for this test's brand. */
    private String page() {
        return ExplorerStubs.mentionPage(
                        List.of(
                                ExplorerStubs.exampleMention(0, brand),
                                ExplorerStubs.exampleMention(1, brand)))
                .toString();
    }

    private static String username(String authorization) {
        return ExplorerStubs.username(authorization);
    }

    @Test
    void aSearchForwardsEveryFilterWithThePersonsTokenAndShowsTheMentions() {
        stubSearch(page());
        stubAgreement();

        var page =
                analyst.given()
                        .accept(ContentType.HTML)
                        .queryParam("q", "ER wait")
                        .queryParam("brand", brand)
                        .queryParam("facility", "riverside-north")
                        .queryParam("source", "webhook")
                        .queryParam("label", "negative")
                        .queryParam("aspect", "emergency-wait")
                        .queryParam("language", "en")
                        .queryParam("from", "2026-11-24T08:00")
                        .queryParam("to", "2026-11-25T08:00")
                        .queryParam("uncertain", "true")
                        .queryParam("sort", "time")
                        .get("/dashboard/mentions");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");

        var searches = searches();
        assertThat(searches).hasSize(1);
        var search = searches.get(0);
        assertThat(search.queryParameter("q").firstValue()).isEqualTo("ER wait");
        assertThat(search.queryParameter("brand").firstValue()).isEqualTo(brand);
        assertThat(search.queryParameter("facility").firstValue()).isEqualTo("riverside-north");
        assertThat(search.queryParameter("source").firstValue()).isEqualTo("webhook");
        assertThat(search.queryParameter("label").firstValue()).isEqualTo("negative");
        assertThat(search.queryParameter("aspect").firstValue()).isEqualTo("emergency-wait");
        assertThat(search.queryParameter("language").firstValue()).isEqualTo("en");
        // Typed in the brand's zone (America/Chicago, CST = UTC-6), sent as instants.
        assertThat(search.queryParameter("from").firstValue()).isEqualTo("2026-11-24T14:00:00Z");
        assertThat(search.queryParameter("to").firstValue()).isEqualTo("2026-11-25T14:00:00Z");
        assertThat(search.queryParameter("uncertain").firstValue()).isEqualTo("true");
        assertThat(username(search.getHeader("Authorization"))).isEqualTo(ANALYST);
        sentiment.verifyThat(
                getRequestedFor(urlPathEqualTo("/api/brands/" + brand + "/corrections/agreement"))
                        .withHeader("Authorization", matching("Bearer .+")));

        var html = page.asString();
        assertThat(html)
                .contains("id=\"explorer\"")
                .contains("id=\"mention-search\"")
                .contains("data-mention-id=\"" + CORRECTED + "\"")
                .contains("Waited 6 hours in the Riverside North ER last night.")
                .contains("<span class=\"label label-NEGATIVE\">NEGATIVE</span>")
                .contains("<span class=\"score\">-0.50</span>")
                .contains("<span class=\"model-label\">NEUTRAL</span>")
                .contains("<span class=\"corrected-by\">ana.analyst</span>")
                .contains("emergency-wait (NEGATIVE)")
                .contains("<span class=\"reposts\">14 repost(s)</span>")
                .contains("Riverside North Medical Center")
                .contains(
                        "<a class=\"source-link\" href=\"https://social.example/@someone/48213\""
                                + " rel=\"noopener noreferrer nofollow\"")
                .contains(
                        "<form class=\"correction\" method=\"post\" action=\"/dashboard/mentions/"
                                + CORRECTED
                                + "/correction\">")
                .contains("<button type=\"submit\">Correct</button>")
                .contains(
                        "id=\"export-csv\" href=\"/dashboard/mentions/export.csv?brand="
                                + brand
                                + "&amp;q=ER+wait")
                .contains("id=\"agreement\"")
                .contains(
                        "<strong class=\"agreeing\">3</strong> of <strong class=\"corrections\">8</strong>")
                .contains("38%")
                .contains("href=\"/dashboard/mentions/corrections.tsv?brand=" + brand + "\"")
                .contains("America/Chicago")
                .contains("2026-11-24 08:03 CST");
    }

    @Test
    void viewersRespondersAndAdminsGetAPageSayingTheAnalystRoleIsNeeded() {
        for (var role : List.of("viewer", "responder", "admin")) {
            var session = DashboardLogin.as("not." + role, role);
            for (var path :
                    List.of(
                            "/dashboard/mentions?brand=" + brand,
                            "/dashboard/mentions/export.csv?brand=" + brand,
                            "/dashboard/mentions/corrections.tsv?brand=" + brand)) {
                var page = session.given().accept(ContentType.HTML).get(path);
                assertThat(page.statusCode()).as(role + " " + path).isEqualTo(403);
                assertThat(page.contentType()).startsWith("text/html");
                assertThat(page.asString()).contains("need the analyst role").contains(role);
            }
            var posted =
                    session.given()
                            .header("Origin", origin())
                            .formParam("label", "POSITIVE")
                            .post("/dashboard/mentions/" + CORRECTED + "/correction");
            assertThat(posted.statusCode()).isEqualTo(403);
            assertThat(requestsBy("not." + role)).isEmpty();
        }
    }

    @Test
    void aCorrectionIsSentAsThePersonAndRedirectsBackToTheSameFilter() {
        sentiment.register(
                post(urlPathEqualTo("/api/mentions/" + CORRECTED + "/correction"))
                        .willReturn(
                                ExplorerStubs.json(
                                        200,
                                        ExplorerStubs.example("sentiment", "mention").toString())));
        sentiment.register(
                com.github.tomakehurst.wiremock.client.WireMock.delete(
                                urlPathEqualTo("/api/mentions/" + CORRECTED + "/correction"))
                        .willReturn(aResponse().withStatus(204)));
        var back = "brand=" + brand + "&q=ER+wait&label=NEGATIVE&sort=time";

        var posted =
                analyst.given()
                        .header("Origin", origin())
                        .formParam("label", "POSITIVE")
                        .formParam("aspect", "emergency-wait")
                        .formParam("aspectLabel", "NEUTRAL")
                        .formParam("aspect", "nursing-care")
                        .formParam("aspectLabel", "")
                        .formParam("note", "sarcasm")
                        .formParam("back", back)
                        .post("/dashboard/mentions/" + CORRECTED + "/correction");
        assertThat(posted.statusCode()).isEqualTo(303);
        var location = URI.create(posted.header("Location"));
        assertThat(location.getPath()).isEqualTo("/dashboard/mentions");
        assertThat(location.getRawQuery())
                .isEqualTo("brand=" + brand + "&q=ER+wait&label=NEGATIVE&done=corrected");
        assertThat(location.getFragment()).isEqualTo("m-" + CORRECTED);
        var sent =
                sentiment.find(
                        postRequestedFor(
                                        urlPathEqualTo(
                                                "/api/mentions/" + CORRECTED + "/correction"))
                                .withRequestBody(
                                        equalToJson(
                                                "{\"label\":\"POSITIVE\",\"aspects\":[{\"aspect\":"
                                                        + "\"emergency-wait\",\"label\":\"NEUTRAL\"}],"
                                                        + "\"note\":\"sarcasm\"}")));
        assertThat(sent).hasSize(1);
        assertThat(username(sent.get(0).getHeader("Authorization"))).isEqualTo(ANALYST);

        stubSearch(page());
        var after =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get(location.getPath() + "?" + location.getRawQuery())
                        .asString();
        assertThat(after).contains("Correction saved under your name");

        // The stand-in's journal is shared by every test of the run (this mention id is the
        // example's), so count this test's DELETE as the difference.
        var clearsBefore = sentiment.find(clearOf(CORRECTED)).size();
        var cleared =
                analyst.given()
                        .header("Origin", origin())
                        .formParam("action", "clear")
                        .formParam("back", back)
                        .post("/dashboard/mentions/" + CORRECTED + "/correction");
        assertThat(cleared.statusCode()).isEqualTo(303);
        assertThat(cleared.header("Location")).contains("done=cleared");
        assertThat(sentiment.find(clearOf(CORRECTED))).hasSize(clearsBefore + 1);

        // From another site: refused before sentiment-service hears of it.
        int before =
                sentiment
                        .find(
                                postRequestedFor(
                                        urlPathEqualTo(
                                                "/api/mentions/" + CORRECTED + "/correction")))
                        .size();
        var crossSite =
                analyst.given()
                        .header("Origin", "https://evil.example")
                        .formParam("label", "NEGATIVE")
                        .post("/dashboard/mentions/" + CORRECTED + "/correction");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(
                        sentiment.find(
                                postRequestedFor(
                                        urlPathEqualTo(
                                                "/api/mentions/" + CORRECTED + "/correction"))))
                .hasSize(before);
    }

    @Test
    void aRefusedCorrectionSaysWhyInOurWordsNotTheRemoteOnes() {
        stubSearch(page());
        sentiment.register(
                post(urlPathEqualTo("/api/mentions/" + CORRECTED + "/correction"))
                        .willReturn(ExplorerStubs.problem(409, REMOTE_SECRET)));
        var refused =
                analyst.given()
                        .header("Origin", origin())
                        .formParam("label", "POSITIVE")
                        .formParam("back", "brand=" + brand)
                        .post("/dashboard/mentions/" + CORRECTED + "/correction");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.asString())
                .contains("text was erased, so it cannot be corrected")
                .doesNotContain(REMOTE_SECRET);

        var bad =
                analyst.given()
                        .header("Origin", origin())
                        .formParam("label", "FURIOUS")
                        .formParam("back", "brand=" + brand)
                        .post("/dashboard/mentions/" + CORRECTED + "/correction");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("Choose negative, neutral or positive.");
    }

    @Test
    void theCsvExportPassesSentimentsBytesThroughAsAnAttachmentAndIsAudited() {
        var csv =
                "mention_id,published_at,text\r\n"
                        + CORRECTED
                        + ",2026-11-24T14:03:00Z,\"Waited 6 hours,\r\nstill waiting\"\r\n"
                        + "7a1b2c3d-4e5f-3a6b-8c7d-9e0f1a2b3c4d,2026-11-24T13:40:00Z,Quick\r\n";
        sentiment.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", equalTo(brand))
                        .withQueryParam("format", equalTo("csv"))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/csv; charset=UTF-8")
                                        .withBody(csv.getBytes(StandardCharsets.UTF_8))));

        var export =
                analyst.given()
                        .get(
                                "/dashboard/mentions/export.csv?brand="
                                        + brand
                                        + "&q=wait"
                                        + "&label=NEGATIVE&cursor=abc");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.header("Content-Disposition"))
                .startsWith("attachment; filename=\"mentions-" + brand + "-");
        assertThat(export.asByteArray()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8));

        var requests = searches();
        assertThat(requests).hasSize(1);
        var request = requests.get(0);
        assertThat(request.queryParameter("format").firstValue()).isEqualTo("csv");
        assertThat(request.queryParameter("q").firstValue()).isEqualTo("wait");
        assertThat(request.queryParameter("label").firstValue()).isEqualTo("negative");
        assertThat(request.queryParameter("size").firstValue()).isEqualTo("10000");
        assertThat(request.queryParameter("cursor").isPresent())
                .as("an export starts at the first row")
                .isFalse();
        assertThat(username(request.getHeader("Authorization"))).isEqualTo(ANALYST);

        var audit =
                Api.asAdmin()
                        .get("/api/audit?action=mention.export&user=" + ANALYST)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(audit.getList("items.target", String.class))
                .contains("brand=" + brand + "&q=wait&label=NEGATIVE");
        var rows = audit.getList("items.rowCount", Integer.class);
        var targets = audit.getList("items.target", String.class);
        assertThat(rows.get(targets.indexOf("brand=" + brand + "&q=wait&label=NEGATIVE")))
                .isEqualTo(2);
    }

    @Test
    void whenSentimentIsDownThePageSaysSoWithoutItsBody() {
        sentiment.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", equalTo(brand))
                        .atPriority(1)
                        .willReturn(ExplorerStubs.problem(503, REMOTE_SECRET)));
        sentiment.register(
                get(urlPathMatching("/api/brands/" + brand + "/.*"))
                        .atPriority(1)
                        .willReturn(ExplorerStubs.problem(503, REMOTE_SECRET)));
        var page =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/mentions?brand=" + brand + "&q=wait");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString())
                .contains("sentiment-service is not answering")
                .contains("id=\"mention-search\"")
                .doesNotContain(REMOTE_SECRET);

        var export = analyst.given().get("/dashboard/mentions/export.csv?brand=" + brand);
        assertThat(export.statusCode()).isEqualTo(503);
        assertThat(export.contentType()).startsWith("text/html");
        assertThat(export.asString()).doesNotContain(REMOTE_SECRET);
    }

    @Test
    void linksThatAreNotHttpAreShownAsTextAndPostTextIsEscaped() {
        var unsafe = ExplorerStubs.exampleMention(1, brand);
        unsafe.put("url", "javascript:alert(document.cookie)");
        unsafe.put("text", "<img src=x onerror=alert(1)> still waiting");
        var noLink = ExplorerStubs.exampleMention(0, brand);
        noLink.put("url", "data:text/html,<script>alert(1)</script>");
        stubSearch(ExplorerStubs.mentionPage(List.of(unsafe, noLink)).toString());
        var html =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/mentions?brand=" + brand)
                        .asString();
        assertThat(html)
                .doesNotContain("href=\"javascript:")
                .doesNotContain("href=\"data:")
                .doesNotContain("<img src=x")
                .contains("&lt;img src=x onerror=alert(1)&gt; still waiting")
                .contains("Link not shown (not an http link)");
        assertThat(html.split("class=\"source-link\"", -1)).hasSize(1);
    }

    @Test
    void aBadFilterIsExplainedAndNotSent() {
        var page =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/mentions?brand=" + brand + "&label=furious&from=soon");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.asString())
                .contains("Label must be negative, neutral or positive.")
                .contains("From must be a date and time");
        assertThat(searches()).isEmpty();
    }

    @Test
    void theCorrectionsFileIsPassedThroughAsTsvAndAudited() {
        var tsv = "negative\tWaited 6 hours in the ER.\npositive\tQuick and friendly.\n";
        sentiment.register(
                get(urlPathEqualTo("/api/brands/" + brand + "/corrections"))
                        .withQueryParam("format", equalTo("tsv"))
                        .atPriority(1)
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/tab-separated-values")
                                        .withBody(tsv.getBytes(StandardCharsets.UTF_8))));
        var file = analyst.given().get("/dashboard/mentions/corrections.tsv?brand=" + brand);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/tab-separated-values");
        assertThat(file.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"corrections-" + brand + ".tsv\"");
        assertThat(file.asByteArray()).isEqualTo(tsv.getBytes(StandardCharsets.UTF_8));
        var sent =
                sentiment.find(
                        getRequestedFor(urlPathEqualTo("/api/brands/" + brand + "/corrections")));
        assertThat(sent).hasSize(1);
        assertThat(username(sent.get(0).getHeader("Authorization"))).isEqualTo(ANALYST);
        var audit =
                Api.asAdmin()
                        .get("/api/audit?action=corrections.export&user=" + ANALYST)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        var targets = audit.getList("items.target", String.class);
        assertThat(targets).contains("brand=" + brand);
        assertThat(
                        audit.getList("items.rowCount", Integer.class)
                                .get(targets.indexOf("brand=" + brand)))
                .isEqualTo(2);

        var notABrand = analyst.given().get("/dashboard/mentions/corrections.tsv?brand=Not%20One");
        assertThat(notABrand.statusCode()).isEqualTo(400);
        assertThat(notABrand.contentType()).startsWith("text/html");
    }

    @Test
    void sortedByAmplificationThePagesGoByNumberNotCursor() {
        var items = new java.util.ArrayList<com.fasterxml.jackson.databind.node.ObjectNode>();
        for (int i = 0; i < 50; i++) {
            var m = ExplorerStubs.exampleMention(1, brand);
            m.put("mentionId", java.util.UUID.randomUUID().toString());
            items.add(m);
        }
        var full = ExplorerStubs.mentionPage(items);
        full.put("total", 120);
        stubSearch(full.toString());
        var html =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/mentions?brand=" + brand + "&sort=amplification&page=1")
                        .asString();
        var search = searches().get(0);
        assertThat(search.queryParameter("sort").firstValue()).isEqualTo("amplification");
        assertThat(search.queryParameter("page").firstValue()).isEqualTo("1");
        assertThat(search.queryParameter("cursor").isPresent()).isFalse();
        assertThat(html)
                .contains(
                        "class=\"next\" rel=\"next\" href=\"/dashboard/mentions?brand="
                                + brand
                                + "&amp;sort=amplification&amp;page=2\"")
                .contains("<strong class=\"total\">120</strong>");
    }

    @Test
    void aTotalCappedBySentimentServiceReadsMoreThanTenThousand() {
        var capped = ExplorerStubs.mentionPage(List.of(ExplorerStubs.exampleMention(1, brand)));
        capped.put("total", 10_000);
        capped.put("totalCapped", true);
        stubSearch(capped.toString());
        var html =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/mentions?brand=" + brand)
                        .asString();
        assertThat(html).contains("<strong class=\"total\">more than 10,000</strong>");

        var exact = ExplorerStubs.mentionPage(List.of(ExplorerStubs.exampleMention(1, brand)));
        exact.put("total", 10_000);
        exact.put("totalCapped", false);
        stubSearch(exact.toString());
        assertThat(
                        analyst.given()
                                .accept(ContentType.HTML)
                                .get("/dashboard/mentions?brand=" + brand)
                                .asString())
                .contains("<strong class=\"total\">10000</strong>");
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder clearOf(
            Object mentionId) {
        return deleteRequestedFor(urlPathEqualTo("/api/mentions/" + mentionId + "/correction"))
                .withHeader("Authorization", matching("Bearer .+"));
    }
}
