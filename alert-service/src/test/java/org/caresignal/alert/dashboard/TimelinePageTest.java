package org.caresignal.alert.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.ConsoleStubs;
import org.caresignal.alert.support.ConsoleStubs.Facility;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;

/**
 * The timeline page on the real stack with ingest- and sentiment-service from WireMock: the table
 * of buckets in the brand's zone with links to their posts, incident markers, the detector's
 * expected band from this service's own counts, filters passed on, the chart library served from
 * the same origin, and degradation when sentiment-service does not answer.
 */
@QuarkusTest
class TimelinePageTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static String brandWithHistory() {
        var brand = ScoredMentions.uniqueBrand();
        ConsoleStubs.brand(
                brand,
                "Riverside Health",
                CHICAGO.getId(),
                new Facility("riverside-north", "Riverside North Hospital"));
        ConsoleStubs.hourlyHistory(brand, CHICAGO, Instant.now(), 28, 6);
        ConsoleStubs.aspects(brand, null, List.of(ConsoleStubs.aspect("emergency-wait", 4, 3)));
        ConsoleStubs.sources(
                List.of(
                        ConsoleStubs.source(
                                brand + "-m",
                                "mastodon",
                                brand,
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
    void theTimelineShowsBucketsInTheBrandsZoneWithIncidentMarkersTheExpectedBandAndPostLinks() {
        var brand = brandWithHistory();
        var now = Instant.now();
        // This service's own counts of the last hours: the detector's baseline learns from them.
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                ScoredMentions.at(brand, "NEUTRAL", now.minusSeconds(3 * 3600), Scenario.CALM),
                ScoredMentions.at(brand, "NEUTRAL", now.minusSeconds(2 * 3600), Scenario.CALM),
                ScoredMentions.at(brand, "NEGATIVE", now.minusSeconds(3600), Scenario.ANGRY));
        Scenario.criticalPost(brand, now.minusSeconds(60));
        var incident =
                Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
        var viewer = DashboardLogin.as("vic.viewer", "viewer");

        var html =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        viewer.given()
                                                .accept(ContentType.HTML)
                                                .get(
                                                        "/dashboard/timeline?brand="
                                                                + brand
                                                                + "&range=24h")
                                                .then()
                                                .statusCode(200)
                                                .extract()
                                                .asString(),
                                h -> h.contains("<th scope=\"col\" class=\"num\">Expected</th>"));
        assertThat(html)
                .contains("id=\"timeline\"")
                .contains("<h1>Timeline: Riverside Health</h1>")
                .contains("<table class=\"timeline-data\">")
                .contains("<caption>Mentions per hour, times in America/Chicago</caption>")
                .contains("<tr data-start=\"")
                .contains("data-volume=\"6\"")
                .contains(
                        "<a class=\"incident-marker\" href=\"/dashboard/incidents/"
                                + incident
                                + "\"")
                .contains("href=\"/dashboard/mentions?brand=" + brand + "&amp;from=")
                .contains("<option value=\"riverside-north\">Riverside North Hospital</option>")
                .contains("<option value=\"mastodon\">mastodon</option>")
                .contains("<option value=\"emergency-wait\">emergency-wait</option>")
                .contains(
                        "<script src=\"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js\" defer></script>")
                .contains("<script src=\"/dashboard/assets/timeline.js\" defer></script>")
                .containsPattern(
                        "data-expected=\"[0-9.]+\" data-low=\"[0-9.]+\" data-high=\"[0-9.]+\"")
                .containsPattern(" C[SD]T</time>");

        // The chart library and script come from this origin, with no session needed.
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("javascript"));
        given().get("/dashboard/assets/timeline.js").then().statusCode(200);
    }

    @Test
    void filtersArePassedOnAndTheBandIsLeftOutForASubsetOfMentions() {
        var brand = brandWithHistory();
        var analyst = DashboardLogin.as("ana.lyst", "analyst");

        var html =
                analyst.given()
                        .accept(ContentType.HTML)
                        .get(
                                "/dashboard/timeline?brand="
                                        + brand
                                        + "&facility=riverside-north&source=mastodon&aspect=emergency-wait&range=7d")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains("<h1>Timeline: Riverside Health · Riverside North Hospital</h1>")
                .contains("<option value=\"mastodon\" selected>")
                .contains("it is not shown with a source or aspect filter")
                .doesNotContain("<th scope=\"col\" class=\"num\">Expected</th>")
                .contains("facility=riverside-north&amp;source=mastodon&amp;aspect=emergency-wait");
        ConsoleServices.client()
                .verifyThat(
                        moreThanOrExactly(1),
                        getRequestedFor(urlPathEqualTo("/api/brands/" + brand + "/sentiment"))
                                .withQueryParam("facility", equalTo("riverside-north"))
                                .withQueryParam("source", equalTo("mastodon"))
                                .withQueryParam("aspect", equalTo("emergency-wait"))
                                .withQueryParam("tz", equalTo("America/Chicago")));

        assertThat(
                        analyst.given()
                                .accept(ContentType.HTML)
                                .get("/dashboard/timeline?brand=" + brand + "&aspect=%3Cscript%3E")
                                .statusCode())
                .isEqualTo(400);
        assertThat(
                        analyst.given()
                                .accept(ContentType.HTML)
                                .get("/dashboard/timeline?brand=" + brand + "&facility=nowhere")
                                .statusCode())
                .isEqualTo(400);
    }

    @Test
    void whenSentimentServiceIsDownTheTimelineSaysSoAndStillListsIncidents() {
        var brand = brandWithHistory();
        ConsoleStubs.sentimentAnswers(brand, 503, "SENTIMENT-TIMELINE-LEAK");
        Scenario.criticalPost(brand, Instant.now().minusSeconds(60));
        var incident =
                Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
        var responder = DashboardLogin.as("rae.responder", "responder");

        var html =
                responder
                        .given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/timeline?brand=" + brand)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains(
                        "sentiment-service is not answering: volume and sentiment over time not available.")
                .contains("href=\"/dashboard/incidents/" + incident + "\"")
                .contains("Nothing to show for this range.")
                .doesNotContain("SENTIMENT-TIMELINE-LEAK");
    }
}
