package org.caresignal.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channels through the outbound policy, end to end: a redirect to an internal address is refused,
 * the delivery log never shows what the remote host said, and a hostile post URL reaches Slack
 * escaped.
 */
@QuarkusTest
class OutboundChannelTest {

    private static final String REMOTE_TEXT = "internal error: <!channel> db=prod password=hunter2";
    private static WireMockServer host;

    @BeforeAll
    static void start() {
        host = new WireMockServer(options().dynamicPort());
        host.start();
        host.stubFor(
                post(urlEqualTo("/to-metadata"))
                        .willReturn(
                                aResponse()
                                        .withStatus(303)
                                        .withHeader(
                                                "Location",
                                                "http://169.254.169.254/latest/meta-data/iam/")));
        host.stubFor(
                post(urlEqualTo("/refuses"))
                        .willReturn(aResponse().withStatus(400).withBody(REMOTE_TEXT)));
        host.stubFor(
                post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterAll
    static void stop() {
        host.stop();
    }

    @Test
    void aRedirectToAnInternalAddressFailsAsBlockedAndIsNotRetried() {
        var channel = slack("/to-metadata");
        try {
            var incident = criticalIncident(null);
            var log = Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "FAILED"));
            assertThat(log.getString("[0].lastError")).isEqualTo("BLOCKED_ADDRESS");
            assertThat(log.getInt("[0].attempts")).isEqualTo(1);
        } finally {
            Channels.delete(channel);
        }
    }

    @Test
    void theDeliveryLogShowsTheFailureClassAndStatusNeverTheRemoteText() {
        var channel = slack("/refuses");
        try {
            var incident = criticalIncident(null);
            var log = Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "FAILED"));
            assertThat(log.getString("[0].lastError")).isEqualTo("HTTP_STATUS 400");
            var all =
                    Api.asResponder()
                            .get("/api/deliveries")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
            assertThat(all).doesNotContain("hunter2", "internal error", "<!channel>");
        } finally {
            Channels.delete(channel);
        }
    }

    @Test
    void aHostilePostUrlReachesSlackEscaped() {
        var channel = slack("/ok");
        try {
            var incident = criticalIncident("https://social.example/p?x=1&y=2|<!channel>");
            Channels.awaitDeliveries(incident, channel, Channels.has("RAISED", "DELIVERED"));
            var sent =
                    host.findAll(postRequestedFor(urlEqualTo("/ok"))).stream()
                            .map(r -> r.getBodyAsString())
                            .filter(b -> b.contains(incident))
                            .findFirst()
                            .orElseThrow();
            var context =
                    Channels.json(sent)
                            .get("blocks")
                            .get(3)
                            .get("elements")
                            .get(0)
                            .get("text")
                            .asText();
            assertThat(context)
                    .endsWith(
                            "samples: <https://social.example/p?x=1&amp;y=2%7C%3C!channel%3E|"
                                    + context.substring(context.lastIndexOf('|') + 1));
            assertThat(sent).doesNotContain("<!channel>");
        } finally {
            Channels.delete(channel);
        }
    }

    private static String slack(String path) {
        return Channels.create(
                Map.of(
                        "name",
                        "#ops",
                        "type",
                        "SLACK",
                        "allowPostLinks",
                        true,
                        "secrets",
                        Map.of("url", host.baseUrl() + path)));
    }

    /** A critical post (its URL replaced when given) and the incident it raises. */
    private static String criticalIncident(String url) {
        var brand = ScoredMentions.uniqueBrand();
        var at = Scenario.T0.plusSeconds(30);
        if (url == null) {
            Scenario.criticalPost(brand, at);
        } else {
            var event = Channels.json(ScoredMentions.at(brand, "NEGATIVE", at, Scenario.BREACH));
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("url", url);
            KafkaTestClient.send(ScoredMentions.TOPIC, brand, event.toString());
        }
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }
}
