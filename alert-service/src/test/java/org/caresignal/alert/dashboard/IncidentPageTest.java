package org.caresignal.alert.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.ConsoleServices;
import org.caresignal.alert.support.DashboardLogin;
import org.caresignal.alert.support.ExplorerStubs;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident page for responders with ingest-service and sentiment-service stood in by WireMock:
 * names and zone, the posts behind the incident (text only for analysts and responders), the chart
 * of the window from alert-service's own counts, and related incidents.
 */
@QuarkusTest
class IncidentPageTest {

    private static final String RESPONDER = "rita.responder";
    private static final String SEARCHED = "0b0e7c55-3f0e-4c1f-9a8e-5a1d2c3b4e5f";

    private WireMock sentiment;

    @BeforeEach
    void setUp() {
        sentiment = ConsoleServices.client();
    }

    @Test
    void respondersReadThePostsBehindItViewersSeeIdsRelatedIncidentsAndTheWindowChart() {
        var brand = ScoredMentions.uniqueBrand();
        ExplorerStubs.brand(brand);
        Scenario.spike(brand);
        var spike =
                Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var incidents = Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 2);
        var critical =
                incidents.getList("id", String.class).stream()
                        .filter(id -> !id.equals(spike))
                        .findFirst()
                        .orElseThrow();
        var sample =
                Api.asResponder()
                        .get("/api/incidents/" + spike)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("incident.explanation.samples[0].mentionId");

        // sentiment-service: the sample by id, and the window's negative posts by search.
        var byId = ExplorerStubs.exampleMention(0, brand);
        byId.put("mentionId", sample);
        byId.put("text", "Six hours in the ER waiting room, <b>nobody</b> came.");
        var searched = ExplorerStubs.exampleMention(1, brand);
        searched.put("mentionId", SEARCHED);
        searched.put("label", "NEGATIVE");
        searched.put("text", "The ER sent us home without a word.");
        searched.put("url", "javascript:alert(1)");
        sentiment.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("ids", containing(sample))
                        .atPriority(1)
                        .willReturn(
                                ExplorerStubs.json(
                                        200, ExplorerStubs.mentionPage(List.of(byId)).toString())));
        sentiment.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", equalTo(brand))
                        .withQueryParam("label", equalTo("negative"))
                        .atPriority(1)
                        .willReturn(
                                ExplorerStubs.json(
                                        200,
                                        ExplorerStubs.mentionPage(List.of(searched, byId))
                                                .toString())));

        var responder = DashboardLogin.as(RESPONDER, "responder");
        var page = responder.given().accept(ContentType.HTML).get("/dashboard/incidents/" + spike);
        assertThat(page.statusCode()).isEqualTo(200);
        var html = page.asString();
        assertThat(html)
                .contains("id=\"incident\"")
                .contains("<span class=\"brand-name\">Riverside Health</span>")
                .contains("Times shown in</dt><dd>America/Chicago")
                .contains("<li class=\"mention\" data-mention-id=\"" + sample + "\">")
                .contains("Six hours in the ER waiting room, &lt;b&gt;nobody&lt;/b&gt; came.")
                .contains("<li class=\"mention\" data-mention-id=\"" + SEARCHED + "\">")
                .contains("The ER sent us home without a word.")
                .contains("emergency-wait (NEGATIVE)")
                .contains("<span class=\"reposts\">14 repost(s)</span>")
                .contains("<a class=\"source-link\" href=\"https://social.example/@someone/48213\"")
                .doesNotContain("href=\"javascript:")
                .contains("javascript:alert(1) (not an http link)")
                .contains("action=\"/dashboard/incidents/" + spike + "/acknowledge\"");
        assertThat(html.indexOf(sample + "\">"))
                .as("the samples come first")
                .isLessThan(html.indexOf(SEARCHED + "\">"));
        var search =
                sentiment.find(
                        getRequestedFor(urlPathEqualTo("/api/mentions"))
                                .withQueryParam("brand", equalTo(brand))
                                .withQueryParam("label", equalTo("negative")));
        assertThat(search).hasSize(1);
        assertThat(search.get(0).queryParameter("brand").firstValue()).isEqualTo(brand);
        assertThat(search.get(0).queryParameter("sort").firstValue()).isEqualTo("amplification");
        assertThat(search.get(0).queryParameter("from").firstValue()).startsWith("2026-01-06T");
        assertThat(search.get(0).getHeader("Authorization")).startsWith("Bearer ");

        // The chart: a table of the window and its context from alert-service's own counts.
        assertThat(html)
                .contains("<figure id=\"window-chart\"")
                .contains("data-values=\"")
                .contains("<tr class=\"in-window\"")
                .contains("<td>16</td><td>12</td>")
                .contains("<path class=\"observed\" d=\"M0,");

        // Related: the critical post of the same brand (brand-wide), not the incident itself.
        var related = html.substring(html.indexOf("id=\"related-heading\""));
        assertThat(related)
                .contains("href=\"/dashboard/incidents/" + critical + "\"")
                .contains("CRITICAL_POST")
                .doesNotContain("href=\"/dashboard/incidents/" + spike + "\"");

        // A viewer: ids and counts, no text, and sentiment-service is not asked for posts.
        var viewer = DashboardLogin.as("vic.viewer", "viewer");
        var asViewer = viewer.given().accept(ContentType.HTML).get("/dashboard/incidents/" + spike);
        assertThat(asViewer.statusCode()).isEqualTo(200);
        assertThat(asViewer.asString())
                .contains("data-mention-id=\"" + sample + "\"")
                .contains("Post text, links and aspects are shown to analysts and responders only")
                .doesNotContain("Six hours in the ER waiting room")
                .doesNotContain("The ER sent us home")
                .doesNotContain("social.example")
                .contains("<span class=\"brand-name\">Riverside Health</span>");
        assertThat(
                        sentiment.find(anyRequestedFor(urlPathEqualTo("/api/mentions"))).stream()
                                .map(r -> ExplorerStubs.username(r.getHeader("Authorization")))
                                .filter("vic.viewer"::equals)
                                .count())
                .isZero();
    }

    @Test
    void whenSentimentIsDownTheResponderStillGetsThePageWithTheKeptExcerpts() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        var id =
                Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
        sentiment.register(
                get(urlPathEqualTo("/api/mentions"))
                        .withQueryParam("brand", equalTo(brand))
                        .atPriority(1)
                        .willReturn(ExplorerStubs.problem(503, "remote-secret-detail")));
        var responder = DashboardLogin.as(RESPONDER, "responder");
        var html =
                responder
                        .given()
                        .accept(ContentType.HTML)
                        .get("/dashboard/incidents/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains("sentiment-service is not answering")
                .contains("hacked")
                .doesNotContain("remote-secret-detail")
                .contains("<span class=\"brand-name\">" + brand + "</span>");
    }
}
