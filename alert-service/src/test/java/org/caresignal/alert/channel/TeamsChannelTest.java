package org.caresignal.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TeamsChannelTest {

    private static final String FLOW = "/workflows/abc123/triggers/manual/paths/invoke";
    private static WireMockServer teams;

    @BeforeAll
    static void start() {
        teams = new WireMockServer(options().dynamicPort());
        teams.start();
        teams.stubFor(
                post(urlPathEqualTo(FLOW))
                        .inScenario("teams")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(502))
                        .willSetStateTo("after-5xx"));
        teams.stubFor(
                post(urlPathEqualTo(FLOW))
                        .inScenario("teams")
                        .whenScenarioStateIs("after-5xx")
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                        .willSetStateTo("ok"));
        teams.stubFor(
                post(urlPathEqualTo(FLOW))
                        .inScenario("teams")
                        .whenScenarioStateIs("ok")
                        .willReturn(aResponse().withStatus(202)));
    }

    @AfterAll
    static void stop() {
        teams.stop();
    }

    @Test
    void adaptiveCardRetriedOn5xxAnd429() {
        var channel =
                Channels.create(
                        Map.of(
                                "name", "Comms team",
                                "type", "TEAMS",
                                "secrets", Map.of("url", teams.baseUrl() + FLOW + "?sig=s3cret")));
        try {
            var brand = ScoredMentions.uniqueBrand();
            org.caresignal.alert.support.Scenario.criticalPost(
                    brand, org.caresignal.alert.support.Scenario.T0.plusSeconds(30));
            var incident =
                    org.caresignal.alert.support.Scenario.awaitIncidents(
                                    brand, j -> j.getList("$").size() == 1)
                            .getString("[0].id");
            var raised = Alerts.readUntil(brand, Alerts.ofType("AlertRaised")).get(0);
            var log =
                    Channels.awaitDeliveries(
                            incident, channel, Channels.has("RAISED", "DELIVERED"));
            assertThat(log.getInt("find { it.change == 'RAISED' }.attempts")).isEqualTo(3);

            var requests = teams.findAll(postRequestedFor(urlPathEqualTo(FLOW)));
            assertThat(requests).hasSize(3);
            for (var request : requests) {
                assertThat(Channels.json(request.getBodyAsString()))
                        .isEqualTo(expected(raised, brand));
                assertThat(request.queryParameter("sig").firstValue()).isEqualTo("s3cret");
            }
            long gap =
                    requests.get(2).getLoggedDate().getTime()
                            - requests.get(1).getLoggedDate().getTime();
            assertThat(gap).isGreaterThanOrEqualTo(950);
        } finally {
            Channels.delete(channel);
        }
    }

    private static JsonNode expected(JsonNode event, String brand) {
        var counts = event.get("counts");
        var window = event.get("window");
        var json =
                """
                {"type": "message", "attachments": [{
                  "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null,
                  "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard", "version": "1.2", "msteams": {"width": "full"},
                    "body": [
                      {"type": "TextBlock", "text": "New incident: Critical post — brand:%1$s",
                       "weight": "Bolder", "size": "Medium", "wrap": true, "style": "heading",
                       "color": "Attention"},
                      {"type": "TextBlock", "text": "SUMMARY", "wrap": true},
                      {"type": "FactSet", "facts": [
                        {"title": "Severity", "value": "CRITICAL"},
                        {"title": "Status", "value": "OPEN (by system:critical-post-rules)"},
                        {"title": "Mentions", "value": "%2$d negative of %3$d"},
                        {"title": "Window", "value": "%4$s – %5$s"},
                        {"title": "Negative about", "value": "emergency-wait 1 (100%%)"},
                        {"title": "Incident", "value": "%6$s"}]}],
                    "actions": [{"type": "Action.OpenUrl", "title": "Open incident", "url": "%7$s"}]
                  }}]}
                """
                        .formatted(
                                brand,
                                counts.get("negative").asLong(),
                                counts.get("total").asLong(),
                                window.get("start").asText(),
                                window.get("end").asText(),
                                event.get("incidentId").asText(),
                                event.get("dashboardUrl").asText());
        var node = Channels.json(json);
        ((ObjectNode) node.at("/attachments/0/content/body/1"))
                .put("text", event.get("summary").asText());
        return node;
    }
}
