package org.caresignal.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
class SlackChannelTest {

    private static final String HOOK = "/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static WireMockServer slack;

    @BeforeAll
    static void start() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
        slack.stubFor(
                post(urlEqualTo(HOOK))
                        .inScenario("slack")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(500).withBody("rollup_error"))
                        .willSetStateTo("after-500"));
        slack.stubFor(
                post(urlEqualTo(HOOK))
                        .inScenario("slack")
                        .whenScenarioStateIs("after-500")
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Retry-After", "1")
                                        .withBody("rate_limited"))
                        .willSetStateTo("ok"));
        slack.stubFor(
                post(urlEqualTo(HOOK))
                        .inScenario("slack")
                        .whenScenarioStateIs("ok")
                        .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @Test
    void blockKitMessageRetriedOn500And429ThenTheResolveMessage() {
        var channel =
                Channels.create(
                        Map.of(
                                "name",
                                "#comms-alerts",
                                "type",
                                "SLACK",
                                // This channel may carry post links (the sample link below).
                                "allowPostLinks",
                                true,
                                "secrets",
                                Map.of("url", slack.baseUrl() + HOOK)));
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
            assertThat(log.getString("find { it.change == 'RAISED' }.lastError")).isNull();

            Channels.act("sam@riverside.example", incident, "resolve", "{}");
            Channels.awaitDeliveries(incident, channel, Channels.has("RESOLVED", "DELIVERED"));
            var resolved = Alerts.readUntil(brand, Alerts.ofType("AlertResolved"));
            var resolvedEvent = resolved.get(resolved.size() - 1);

            var requests = slack.findAll(postRequestedFor(urlEqualTo(HOOK)));
            assertThat(requests).hasSize(4);
            var expected =
                    expected(
                            raised, brand, "🔴 New incident", "OPEN", "system:critical-post-rules");
            for (int i = 0; i < 3; i++) {
                assertThat(Channels.json(requests.get(i).getBodyAsString())).isEqualTo(expected);
            }
            assertThat(Channels.json(requests.get(3).getBodyAsString()))
                    .isEqualTo(
                            expected(
                                    resolvedEvent,
                                    brand,
                                    "✅ Resolved",
                                    "RESOLVED",
                                    "sam@riverside.example"));
            long gap =
                    requests.get(2).getLoggedDate().getTime()
                            - requests.get(1).getLoggedDate().getTime();
            assertThat(gap).isGreaterThanOrEqualTo(950);
        } finally {
            Channels.delete(channel);
        }
    }

    private static JsonNode expected(
            JsonNode event, String brand, String what, String status, String actor) {
        var headline = what + ": Critical post — brand:" + brand;
        var counts = event.get("counts");
        var window = event.get("window");
        var sample = event.get("samples").get(0);
        var json =
                """
                {"text": "%1$s (CRITICAL)",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "text": "%1$s"}},
                  {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Severity*\\nCRITICAL"},
                    {"type": "mrkdwn", "text": "*Status*\\n%2$s"},
                    {"type": "mrkdwn", "text": "*Mentions*\\n%3$d negative of %4$d"},
                    {"type": "mrkdwn", "text": "*Window*\\n%5$s – %6$s"},
                    {"type": "mrkdwn", "text": "*Negative about*\\nemergency-wait 1 (100%%)"}]},
                  {"type": "section", "text": {"type": "mrkdwn", "text": "SUMMARY"}},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                    "text": "incident `%7$s` · %8$s · by %9$s · samples: <%10$s|%11$s>"}]},
                  {"type": "actions", "elements": [{"type": "button", "action_id": "open_incident",
                    "text": {"type": "plain_text", "text": "Open incident"}, "url": "%12$s"}]}
                 ]}
                """
                        .formatted(
                                headline,
                                status,
                                counts.get("negative").asLong(),
                                counts.get("total").asLong(),
                                window.get("start").asText(),
                                window.get("end").asText(),
                                event.get("incidentId").asText(),
                                event.get("triggers").get(0).asText(),
                                actor,
                                sample.get("url").asText(),
                                sample.get("mentionId").asText().substring(0, 8),
                                event.get("dashboardUrl").asText());
        var node = (ObjectNode) Channels.json(json);
        ((ObjectNode) node.get("blocks").get(2).get("text"))
                .put("text", event.get("summary").asText());
        return node;
    }
}
