package org.caresignal.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.caresignal.alert.support.Alerts;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookChannelTest {

    private static final String SIGNING_KEY = "whsec-test-9f8e7d6c5b4a";
    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(
                post(urlEqualTo("/hooks/caresignal"))
                        .inScenario("hook")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                        .willSetStateTo("after-429"));
        receiver.stubFor(
                post(urlEqualTo("/hooks/caresignal"))
                        .inScenario("hook")
                        .whenScenarioStateIs("after-429")
                        .willReturn(aResponse().withStatus(503).withBody("maintenance"))
                        .willSetStateTo("up"));
        receiver.stubFor(
                post(urlEqualTo("/hooks/caresignal"))
                        .inScenario("hook")
                        .whenScenarioStateIs("up")
                        .willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    private static String hmac(String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256="
                + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theAlertEventIsPostedSignedRetriedOn429And5xxAndASnoozedIncidentIsNotNotified()
            throws Exception {
        var channel =
                Channels.create(
                        Map.of(
                                "name",
                                "ops webhook",
                                "type",
                                "WEBHOOK",
                                "allowPostLinks",
                                true,
                                "secrets",
                                Map.of(
                                        "url",
                                        receiver.baseUrl() + "/hooks/caresignal",
                                        "signingKey",
                                        SIGNING_KEY)));
        try {
            var before = Instant.now().getEpochSecond();
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

            var requests = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/caresignal")));
            assertThat(requests).hasSize(3);
            for (var request : requests) {
                var body = request.getBodyAsString();
                assertThat(Channels.json(body)).isEqualTo(raised);
                assertThat(request.getHeader("X-CareSignal-Signature")).isEqualTo(hmac(body));
                assertThat(request.getHeader("X-CareSignal-Event")).isEqualTo("AlertRaised");
                assertThat(Long.parseLong(request.getHeader("X-CareSignal-Timestamp")))
                        .isBetween(before - 5, Instant.now().getEpochSecond() + 5);
                assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            }
            long gap =
                    requests.get(1).getLoggedDate().getTime()
                            - requests.get(0).getLoggedDate().getTime();
            assertThat(gap).isGreaterThanOrEqualTo(950);

            // Snoozed: the acknowledgement is logged as SKIPPED and nothing is sent.
            Channels.act("alex@riverside.example", incident, "snooze", "{\"minutes\": 60}");
            Channels.act("alex@riverside.example", incident, "acknowledge", "{}");
            var skipped =
                    Channels.awaitDeliveries(
                            incident, channel, Channels.has("ACKNOWLEDGED", "SKIPPED"));
            assertThat(skipped.getString("find { it.change == 'ACKNOWLEDGED' }.lastError"))
                    .startsWith("snoozed until");
            assertThat(skipped.getList("change", String.class))
                    .containsExactly("ACKNOWLEDGED", "RAISED");
            assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hooks/caresignal"))))
                    .hasSize(3);
        } finally {
            Channels.delete(channel);
        }
    }
}
