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
import java.util.List;
import java.util.Map;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PagerDutyChannelTest {

    private static final String ROUTING_KEY = "R0UTINGKEY32CHARSR0UTINGKEY32CHA";
    private static final String ACCEPTED =
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}";
    private static WireMockServer pagerDuty;

    @BeforeAll
    static void start() {
        pagerDuty = new WireMockServer(options().dynamicPort());
        pagerDuty.start();
        // The first trigger gets a 500, then a 429 with Retry-After: 1, then 202 for everything.
        pagerDuty.stubFor(
                post(urlEqualTo("/v2/enqueue"))
                        .inScenario("pd")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(500).withBody("{\"status\":\"error\"}"))
                        .willSetStateTo("after-500"));
        pagerDuty.stubFor(
                post(urlEqualTo("/v2/enqueue"))
                        .inScenario("pd")
                        .whenScenarioStateIs("after-500")
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Retry-After", "1")
                                        .withBody("{\"status\":\"throttle event\"}"))
                        .willSetStateTo("open"));
        pagerDuty.stubFor(
                post(urlEqualTo("/v2/enqueue"))
                        .inScenario("pd")
                        .whenScenarioStateIs("open")
                        .willReturn(
                                aResponse()
                                        .withStatus(202)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(ACCEPTED)));
    }

    @AfterAll
    static void stop() {
        pagerDuty.stop();
    }

    @Test
    void triggerAcknowledgeResolveShareOneDedupKeyAndTheTriggerIsRetriedOn500And429() {
        var channel =
                Channels.create(
                        Map.of(
                                "name",
                                "on-call comms",
                                "type",
                                "PAGERDUTY",
                                "allowPostLinks",
                                true,
                                "endpoint",
                                pagerDuty.baseUrl() + "/v2/enqueue",
                                "secrets",
                                Map.of("routingKey", ROUTING_KEY)));
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

            Channels.act("alex@riverside.example", incident, "acknowledge", "{}");
            Channels.awaitDeliveries(incident, channel, Channels.has("ACKNOWLEDGED", "DELIVERED"));
            Channels.act("sam@riverside.example", incident, "resolve", "{}");
            Channels.awaitDeliveries(incident, channel, Channels.has("RESOLVED", "DELIVERED"));

            var requests = pagerDuty.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
            assertThat(requests).hasSize(5);
            List<JsonNode> bodies =
                    requests.stream().map(r -> Channels.json(r.getBodyAsString())).toList();
            var dedupKey = "caresignal:incident:" + incident;

            var trigger = expectedTrigger(raised, brand, dedupKey);
            assertThat(bodies.get(0)).isEqualTo(trigger);
            assertThat(bodies.get(1)).isEqualTo(trigger);
            assertThat(bodies.get(2)).isEqualTo(trigger);
            assertThat(bodies.get(3))
                    .isEqualTo(
                            Channels.json(
                                    "{\"routing_key\":\""
                                            + ROUTING_KEY
                                            + "\",\"event_action\":\"acknowledge\","
                                            + "\"dedup_key\":\""
                                            + dedupKey
                                            + "\"}"));
            assertThat(bodies.get(4))
                    .isEqualTo(
                            Channels.json(
                                    "{\"routing_key\":\""
                                            + ROUTING_KEY
                                            + "\",\"event_action\":\"resolve\","
                                            + "\"dedup_key\":\""
                                            + dedupKey
                                            + "\"}"));
            assertThat(bodies).extracting(b -> b.get("dedup_key").asText()).containsOnly(dedupKey);
            // No post text in a pager payload.
            assertThat(requests.get(0).getBodyAsString()).doesNotContain("leaked", "hacked");
            // Retry-After: 1 was honoured between the 429 and the next attempt.
            long gap =
                    requests.get(2).getLoggedDate().getTime()
                            - requests.get(1).getLoggedDate().getTime();
            assertThat(gap).isGreaterThanOrEqualTo(950);
            for (var r : requests) {
                assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            }
        } finally {
            Channels.delete(channel);
        }
    }

    private static JsonNode expectedTrigger(JsonNode raised, String brand, String dedupKey) {
        var m = Channels.mapper();
        ObjectNode body = m.createObjectNode();
        body.put("routing_key", ROUTING_KEY);
        body.put("event_action", "trigger");
        body.put("dedup_key", dedupKey);
        var payload = body.putObject("payload");
        payload.put(
                "summary",
                "CRITICAL Critical post — brand:" + brand + ": " + raised.get("summary").asText());
        payload.put("source", "brand:" + brand);
        payload.put("severity", "critical");
        payload.put("timestamp", raised.get("occurredAt").asText());
        payload.put("component", "sentiment");
        payload.put("group", brand);
        payload.put("class", "critical_post");
        var details = payload.putObject("custom_details");
        details.put("incident_id", raised.get("incidentId").asText());
        details.put("change", "RAISED");
        details.set("triggers", raised.get("triggers"));
        details.set("window", raised.get("window"));
        details.set("counts", raised.get("counts"));
        details.set("baseline", raised.get("baseline"));
        details.putNull("p_value");
        details.putNull("effect_size");
        // The golden mention is negative about emergency-wait: the one negative mention of its
        // bucket.
        var aspect = details.putArray("aspects").addObject();
        aspect.put("aspect", "emergency-wait");
        aspect.put("negative", 1);
        aspect.put("share", 1.0);
        var ids = details.putArray("sample_mention_ids");
        var links = details.putArray("sample_links");
        raised.get("samples")
                .forEach(
                        s -> {
                            ids.add(s.get("mentionId").asText());
                            links.add(s.get("url").asText());
                        });
        assertThat(ids).isNotEmpty();
        var link = body.putArray("links").addObject();
        link.put("href", raised.get("dashboardUrl").asText());
        link.put("text", "Open incident");
        body.put("client", "CareSignal alert-service");
        body.put("client_url", "http://localhost:8083");
        return body;
    }
}
