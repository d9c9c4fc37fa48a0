package org.caresignal.alert.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.support.BucketCounts;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.ConsoleStubs;
import org.caresignal.alert.support.ConsoleStubs.Day;
import org.caresignal.alert.support.ConsoleStubs.Facility;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The overview page on the real stack, with ingest- and sentiment-service answering from WireMock
 * in their documented shapes: names not slugs, figures against the usual level, times with their
 * zone, post text only for the roles that may read it, per-part degradation when a service does not
 * answer, and no remote body on the page.
 */
@QuarkusTest
class OverviewPageTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String RANGE = "range=custom&from=2026-11-02&to=2026-11-03";
    private static final String NEGATIVE_TEXT = "Waited six hours in the ER <b>tonight</b>";
    private static final String POSITIVE_TEXT = "Kind nurses at South";
    private static final String REMOTE_ERROR = "REMOTE-HOST-SAYS-SECRET";

    /** A brand with two facilities, a known series, aspects, top posts and sources. */
    private static String riverside(String negativeId, String positiveId) {
        var brand = ScoredMentions.uniqueBrand();
        ConsoleStubs.brand(
                brand,
                "Riverside Health",
                CHICAGO.getId(),
                new Facility("riverside-north", "Riverside North Hospital"),
                new Facility("riverside-south", "Riverside South Clinic"));
        // Four earlier ranges of two days: 5 mentions a day (1 negative, 1 positive), 10 a range.
        var days = new ArrayList<Day>();
        var north = new ArrayList<Day>();
        for (var d = LocalDate.parse("2026-10-25");
                d.isBefore(LocalDate.parse("2026-11-02"));
                d = d.plusDays(1)) {
            days.add(new Day(d, 1, 3, 1));
            north.add(new Day(d, 1, 4, 0));
        }
        days.add(new Day(LocalDate.parse("2026-11-02"), 15, 10, 5));
        days.add(new Day(LocalDate.parse("2026-11-03"), 3, 4, 3));
        north.add(new Day(LocalDate.parse("2026-11-02"), 9, 1, 0));
        BucketCounts.daily(brand, null, CHICAGO, days);
        BucketCounts.daily(brand, "riverside-north", CHICAGO, north);
        ConsoleStubs.aspects(
                brand,
                Instant.parse("2026-11-02T06:00:00Z"),
                List.of(
                        ConsoleStubs.aspect("emergency-wait", 12, 9),
                        ConsoleStubs.aspect("parking", 5, 3)));
        ConsoleStubs.aspects(brand, null, List.of(ConsoleStubs.aspect("emergency-wait", 4, 2)));
        var at = Instant.parse("2026-11-02T21:30:00Z");
        ConsoleStubs.topMentions(
                brand,
                "negative",
                List.of(
                        ConsoleStubs.top(
                                negativeId, "riverside-north", "NEGATIVE", -0.62, 14, at)));
        ConsoleStubs.topMentions(
                brand,
                "positive",
                List.of(ConsoleStubs.top(positiveId, "riverside-south", "POSITIVE", 0.7, 3, at)));
        ConsoleStubs.mentionsByIds(
                brand,
                List.of(
                        ConsoleStubs.mention(
                                negativeId,
                                brand,
                                "riverside-north",
                                "NEGATIVE",
                                NEGATIVE_TEXT,
                                "https://example.social/@pat/1"),
                        ConsoleStubs.mention(
                                positiveId,
                                brand,
                                "riverside-south",
                                "POSITIVE",
                                POSITIVE_TEXT,
                                "javascript:alert(1)")));
        ConsoleStubs.sources(
                List.of(
                        ConsoleStubs.source(
                                brand + "-webhook",
                                "webhook",
                                brand,
                                "OK",
                                false,
                                Instant.parse("2026-11-03T20:00:00Z"),
                                Instant.parse("2026-11-03T20:01:00Z"),
                                null,
                                7,
                                null),
                        ConsoleStubs.source(
                                brand + "-mastodon",
                                "mastodon",
                                brand,
                                "OK",
                                true,
                                Instant.parse("2026-11-03T12:00:00Z"),
                                Instant.parse("2026-11-03T20:01:00Z"),
                                null,
                                0,
                                REMOTE_ERROR),
                        ConsoleStubs.source(
                                brand + "-rss",
                                "rss",
                                brand,
                                "RATE_LIMITED",
                                false,
                                Instant.parse("2026-11-03T10:00:00Z"),
                                Instant.parse("2026-11-03T10:00:00Z"),
                                Instant.parse("2026-11-03T18:00:00Z"),
                                0,
                                REMOTE_ERROR),
                        ConsoleStubs.source(
                                "elsewhere-rss",
                                "rss",
                                "some-other-brand",
                                "OK",
                                false,
                                null,
                                null,
                                null,
                                0,
                                null)));
        return brand;
    }

    @Test
    void anAnalystSeesNamesFiguresAgainstTheUsualLevelAspectsPostsAndSourcesInTheBrandsZone() {
        var negativeId = UUID.randomUUID().toString();
        var positiveId = UUID.randomUUID().toString();
        var brand = riverside(negativeId, positiveId);
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var analyst = DashboardLogin.as("ana.lyst", "analyst");

        var page =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard?brand=" + brand + "&" + RANGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        var html = page.asString();
        assertThat(html)
                .contains("id=\"overview\"")
                .contains("<section class=\"brand\" data-brand=\"" + brand + "\"")
                .contains("<h2 id=\"brand-" + brand + "\">Riverside Health</h2>")
                .contains("data-facility=\"riverside-north\"")
                .contains("Riverside North Hospital")
                .contains("Riverside South Clinic")
                .contains("<form id=\"range\"")
                .contains("<option value=\"custom\" selected>")
                // The range and every time with its zone.
                .contains("Mon 2 Nov 2026 – Tue 3 Nov 2026 (America/Chicago)")
                .contains("2026-11-02 00:00 CST")
                // 40 mentions against a usual 10; 45 % negative against 20 %; (8 - 18) / 40.
                .contains(
                        "<span class=\"value\">40</span> <span class=\"change trend-up\">+300% vs usual 10</span>")
                .contains("<span class=\"value\">45%</span>")
                .contains("+25 pts vs usual 20%")
                .contains("<span class=\"value\">−25</span>")
                // North: 10 against 10, 90 % negative; South: nothing at all.
                .contains("±0% vs usual 10")
                .contains("<span class=\"value\">90%</span>")
                .contains("no usual level yet")
                .contains(
                        "emergency-wait</a>: <span class=\"value\">9</span> negative of 12 <span class=\"change trend-up\">+7 vs the range before</span>")
                .contains(">parking</a>")
                .contains("+3 vs the range before")
                // Post text escaped, a link only when it is http(s).
                .contains("Waited six hours in the ER &lt;b&gt;tonight&lt;/b&gt;")
                .contains("href=\"https://example.social/@pat/1\"")
                .contains(POSITIVE_TEXT)
                .doesNotContain("javascript:alert")
                .contains("14 reposts")
                .contains(
                        "href=\"/dashboard/mentions?brand="
                                + brand
                                + "&amp;from=2026-11-02T06%3A00%3A00Z&amp;to=2026-11-04T06%3A00%3A00Z&amp;label=negative&amp;sort=amplification\"")
                // Sources: delivering, silent since, rate-limited until; another brand's not shown.
                .contains("delivering</span>: 7 in the last hour")
                .contains(
                        "silent</span> since <time datetime=\"2026-11-03T12:00:00Z\">2026-11-03 06:00 CST</time>")
                .contains("rate-limited by the source</span>, last success")
                .contains(
                        "until <time datetime=\"2026-11-03T18:00:00Z\">2026-11-03 12:00 CST</time>")
                .doesNotContain("elsewhere-rss")
                .doesNotContain(REMOTE_ERROR)
                .doesNotContain("not answering");
        var openIncidents = html.substring(html.indexOf("figure open-incidents"));
        assertThat(openIncidents)
                .startsWith(
                        "figure open-incidents\"><dt>Open incidents</dt><dd><span class=\"value\">1</span>");

        // Called as the person, with their token.
        ConsoleServices.client()
                .verifyThat(
                        moreThanOrExactly(1),
                        getRequestedFor(urlPathEqualTo("/api/brands/" + brand))
                                .withHeader("Authorization", matching("Bearer ey[^ ]+")));
    }

    @Test
    void aViewerSeesCountsButNoPostText() {
        var negativeId = UUID.randomUUID().toString();
        var brand = riverside(negativeId, UUID.randomUUID().toString());
        var viewer = DashboardLogin.as("vic.viewer", "viewer");

        var html =
                viewer.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard?brand=" + brand + "&" + RANGE)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains("Riverside Health")
                .contains("data-mention-id=\"" + negativeId + "\"")
                .contains("14 reposts")
                .contains("The posts' text is shown to analysts and responders.")
                .doesNotContain("Waited six hours")
                .doesNotContain(POSITIVE_TEXT)
                .doesNotContain("example.social");
        ConsoleServices.client()
                .verifyThat(
                        0,
                        getRequestedFor(urlPathEqualTo("/api/mentions"))
                                .withQueryParam("ids", matching(".*" + negativeId + ".*")));
    }

    @Test
    void whenSentimentServiceIsDownThePageStillShowsNamesAndIncidentsAndSaysWhatIsMissing() {
        var brand = riverside(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ConsoleStubs.sentimentAnswers(brand, 503, "SENTIMENT-BODY-LEAK <script>x</script>");
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1);
        var responder = DashboardLogin.as("rae.responder", "responder");

        var page =
                responder
                        .given()
                        .accept(ContentType.HTML)
                        .get("/dashboard?brand=" + brand + "&" + RANGE);
        assertThat(page.statusCode()).isEqualTo(200);
        var html = page.asString();
        assertThat(html)
                .contains("<h2 id=\"brand-" + brand + "\">Riverside Health</h2>")
                .contains("Riverside North Hospital")
                .contains("sentiment-service is not answering")
                .contains("aspects not available")
                .contains("the most amplified posts not available")
                // Volume and sentiment are alert-service's own counts: still there.
                .contains("<span class=\"value\">40</span>")
                .doesNotContain("volume and sentiment not available")
                .contains("delivering</span>")
                .doesNotContain("SENTIMENT-BODY-LEAK")
                .doesNotContain("HTTP 503");
        var openIncidents = html.substring(html.indexOf("figure open-incidents"));
        assertThat(openIncidents).contains("<span class=\"value\">1</span>");
    }

    @Test
    void whenIngestServiceIsDownTheBrandIsShownByItsIdInUtcAndAnUnknownBrandIsA404() {
        var brand = riverside(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ConsoleStubs.brandAnswers(brand, 500, "INGEST-BODY-LEAK");
        var analyst = DashboardLogin.as("ana.lyst", "analyst");

        var html =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard?brand=" + brand + "&range=7d")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains("<h2 id=\"brand-" + brand + "\">" + brand + "</h2>")
                .contains("ingest-service is not answering")
                .contains("(UTC)")
                .doesNotContain("INGEST-BODY-LEAK");

        var unknown = ScoredMentions.uniqueBrand();
        ConsoleStubs.brandAnswers(unknown, 404, "{\"title\":\"INGEST-404-LEAK\"}");
        var missing = analyst.given().accept(ContentType.HTML).get("/dashboard?brand=" + unknown);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.asString())
                .contains("There is no brand " + unknown)
                .doesNotContain("INGEST-404-LEAK");

        var bad =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get("/dashboard?brand=" + brand + "&range=fortnight");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("Range must be one of 24h, 7d, 30d or custom.");
    }
}
