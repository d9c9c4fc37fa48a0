package org.caresignal.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.SourceFixtures.NewsItem;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One feed host that drips its body for five minutes holds one pool thread, not the poller: the
 * other connectors are polled on their 10-second schedule meanwhile, and the stuck connector is
 * reported FAILING (TIMEOUT) once its poll overruns the deadline (PT2S in tests). The test calls
 * the scheduler's tick itself, every 200 ms, as the scheduler would every second.
 */
@QuarkusTest
class PollerIsolationTest extends TestStack {

    private static WireMockServer wiremock;

    @Inject SourcePoller poller;
    @Inject ConnectorLeases leases;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stopWireMock() {
        if (wiremock != null) {
            wiremock.stop();
        }
    }

    private String connector(String brand, String path) {
        var id = SourceFixtures.unique("iso-");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "rss");
        body.put("brandId", brand);
        body.put("url", wiremock.baseUrl() + path);
        body.put("pollInterval", "PT10S");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        assertThat(leases.acquire(id)).isTrue();
        return id;
    }

    private static String feed(String guid) {
        return SourceFixtures.googleNewsFeed(
                List.of(new NewsItem(guid, "Ward news", "Sat, 01 Aug 2026 12:30:00 GMT")));
    }

    private static List<LoggedRequest> requests(String path) {
        return wiremock.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    private static String status(String id) {
        return Api.asViewer().get("/api/sources/" + id).then().extract().path("health.status");
    }

    @Test
    void aDrippingHostDoesNotStopTheOthersAndIsReportedFailing() {
        var brand = SourceFixtures.unique("iso-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var stuckPath = "/" + SourceFixtures.unique("stuck");
        var fastPaths = List.of("/" + SourceFixtures.unique("a"), "/" + SourceFixtures.unique("b"));
        wiremock.stubFor(
                get(urlPathEqualTo(stuckPath))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/rss+xml")
                                        .withBody(feed(SourceFixtures.unique("g")))
                                        .withChunkedDribbleDelay(100, 300_000)));
        for (var path : fastPaths) {
            wiremock.stubFor(
                    get(urlPathEqualTo(path))
                            .willReturn(
                                    aResponse()
                                            .withHeader("Content-Type", "application/rss+xml")
                                            .withBody(feed(SourceFixtures.unique("g")))));
        }
        var stuck = connector(brand, stuckPath);
        var fast = fastPaths.stream().map(p -> connector(brand, p)).toList();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            poller.tick();
                            return fastPaths.stream().allMatch(p -> requests(p).size() >= 2);
                        });

        for (var path : fastPaths) {
            var seen = requests(path);
            var gap =
                    Duration.ofMillis(
                            seen.get(1).getLoggedDate().getTime()
                                    - seen.get(0).getLoggedDate().getTime());
            // On schedule: the 10 s interval plus a tick or two, not held by the stuck host.
            assertThat(gap).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(13));
        }
        for (var id : fast) {
            assertThat(status(id)).isEqualTo("OK");
        }
        // The overrun poll was interrupted, then retried once after its failure backoff (PT5S) at
        // most: never more often than a failing source is.
        assertThat(requests(stuckPath)).hasSizeBetween(1, 2);
        assertThat(status(stuck)).isEqualTo("FAILING");
        Api.asViewer()
                .get("/api/sources/" + stuck)
                .then()
                .body(
                        "health.lastError",
                        org.hamcrest.Matchers.equalTo(
                                "TIMEOUT: no complete answer within the deadline"));
    }
}
