package org.caresignal.alert.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.caresignal.alert.support.Channels;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One channel's host answers at once and then drips its body for minutes: only that channel waits
 * (up to the deadline, then a TIMEOUT and a retry with backoff); the other channel keeps its
 * schedule.
 */
@QuarkusTest
@TestProfile(DeliveryIsolationTest.SlowHosts.class)
class DeliveryIsolationTest {

    /** A deadline long enough that a dispatcher sending one delivery at a time shows it plainly. */
    public static class SlowHosts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caresignal.delivery.timeout", "PT8S");
        }
    }

    private static WireMockServer hosts;

    @BeforeAll
    static void start() {
        hosts = new WireMockServer(options().dynamicPort());
        hosts.start();
        hosts.stubFor(
                post(urlEqualTo("/stuck"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withBody("o".repeat(300))
                                        .withChunkedDribbleDelay(300, 300_000)));
        hosts.stubFor(
                post(urlEqualTo("/fast")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterAll
    static void stop() {
        hosts.stop();
    }

    @Test
    void aDrippingHostHoldsUpOnlyItsOwnChannel() {
        var stuck = slack("#stuck", "/stuck");
        var fast = slack("#fast", "/fast");
        try {
            var first = incident();
            var fastFirst =
                    Channels.awaitDeliveries(first, fast, Channels.has("RAISED", "DELIVERED"));
            var second = incident();
            var fastSecond =
                    Channels.awaitDeliveries(second, fast, Channels.has("RAISED", "DELIVERED"));
            // Each went out well inside the stuck host's 8 s deadline: nobody waited for it.
            assertThat(latency(fastFirst)).isLessThan(Duration.ofSeconds(4));
            assertThat(latency(fastSecond)).isLessThan(Duration.ofSeconds(4));

            // The stuck channel: cut at its deadline, reported, and tried again later.
            var stuckLog =
                    Channels.awaitDeliveries(first, stuck, j -> j.getInt("[0].attempts") >= 1);
            assertThat(stuckLog.getString("[0].status")).isIn("PENDING", "FAILED");
            assertThat(stuckLog.getString("[0].lastError")).isEqualTo("TIMEOUT");
            assertThat(Instant.parse(stuckLog.getString("[0].nextAttemptAt")))
                    .isAfter(Instant.parse(stuckLog.getString("[0].createdAt")));
        } finally {
            Channels.delete(fast);
            Channels.delete(stuck);
        }
    }

    private static Duration latency(JsonPath log) {
        return Duration.between(
                Instant.parse(log.getString("[0].createdAt")),
                Instant.parse(log.getString("[0].deliveredAt")));
    }

    private static String incident() {
        var brand = ScoredMentions.uniqueBrand();
        Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
        return Scenario.awaitIncidents(brand, j -> j.getList("$").size() == 1).getString("[0].id");
    }

    private static String slack(String name, String path) {
        return Channels.create(
                Map.of(
                        "name",
                        name,
                        "type",
                        "SLACK",
                        "secrets",
                        Map.of("url", hosts.baseUrl() + path)));
    }
}
