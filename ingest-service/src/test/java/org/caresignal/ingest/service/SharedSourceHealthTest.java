package org.caresignal.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.SourceHealthState;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.rest.SourceResource;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SimulatedInstances;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source health shared through PostgreSQL between simulated ingest instances (each its own leases,
 * poller and sources API on one database, as in {@link TwoPollersTest}), with WireMock as Mastodon
 * and X: every instance shows the same health; a new owner goes on from the stored health and keeps
 * a 429's rate limit; a change made on another instance is what the owner polls next; a copy whose
 * writer is gone is stale; metrics come from the owner only.
 */
@QuarkusTest
class SharedSourceHealthTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String X_TOKEN = "AAAAAAAAAAAAAAAAAAAAA-bearer-secret-77";
    private static WireMockServer wiremock;

    @Inject SourceConnectorRepository connectors;
    @Inject StreamSupervisor streams;
    @Inject SourceHealthStore store;
    @Inject SourceConnectorService sources;
    @Inject SimulatedInstances instances;
    @Inject Caller caller;

    private final List<Node> nodes = new ArrayList<>();

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

    @AfterEach
    void shutDownNodes() {
        nodes.forEach(n -> n.leases().releaseAll());
    }

    /** An ingest instance: its leases, its poller and its sources API. */
    private record Node(ConnectorLeases leases, SourcePoller poller, SourceResource api) {
        String id() {
            return leases.instanceId();
        }
    }

    private Node node(String name, Duration lease) {
        var leases = instances.leases(name, lease);
        var poller = instances.poller(leases);
        var node =
                new Node(
                        leases,
                        poller,
                        new SourceResource(sources, poller, streams, leases, store, caller));
        nodes.add(node);
        return node;
    }

    private Node node(String name) {
        return node(name, Duration.ofMinutes(5));
    }

    /** A brand watching a new hashtag and a Mastodon connector following it. */
    private record Mastodon(String id, String brand, String tag) {
        String path() {
            return "/api/v1/timelines/tag/" + tag;
        }
    }

    private static Mastodon mastodon() throws Exception {
        var tag = SourceFixtures.unique("Shared");
        var m =
                new Mastodon(
                        SourceFixtures.unique("shared-"), SourceFixtures.unique("shared-"), tag);
        SourceFixtures.brandWatching(m.brand(), tag);
        SourceFixtures.connector(m.id(), "mastodon", m.brand(), wiremock.baseUrl(), tag, null);
        wiremock.stubFor(get(urlPathEqualTo(m.path())).willReturn(timeline(tag, 2)));
        return m;
    }

    /** A Mastodon timeline of {@code n} statuses tagged {@code tag}, newest first. */
    private static ResponseDefinitionBuilder timeline(String tag, int n) throws Exception {
        var list = new ArrayList<Map<String, Object>>();
        for (int i = n; i >= 1; i--) {
            var id = String.valueOf(100 + i);
            list.add(
                    SourceFixtures.status(
                            id,
                            "https://other.example/users/alice/statuses/" + tag + "-" + id,
                            tag,
                            "Kind staff"));
        }
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "300")
                .withHeader("X-RateLimit-Remaining", "299")
                .withHeader("X-RateLimit-Reset", "2026-08-01T12:35:00.000000Z")
                .withBody(JSON.writeValueAsString(list));
    }

    private static List<LoggedRequest> requests(String path) {
        return wiremock.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void everyInstanceShowsTheSameHealthOfEveryConnector() throws Exception {
        var one = mastodon();
        var two = mastodon();
        var a = node("a");
        var b = node("b");
        assertThat(a.leases().acquire(one.id())).isTrue();
        assertThat(b.leases().acquire(two.id())).isTrue();

        a.poller().tickAndWait();
        b.poller().tickAndWait();
        assertThat(requests(one.path())).hasSize(1);
        assertThat(requests(two.path())).hasSize(1);

        for (var m : List.of(one, two)) {
            var owner = m == one ? a : b;
            var fromA = a.api().get(m.id());
            var fromB = b.api().get(m.id());
            // The same answer, field for field, from the owner and from the other instance.
            assertThat(fromB).isEqualTo(fromA);
            assertThat(a.api().list()).contains(fromA);
            assertThat(b.api().list()).contains(fromA);
            assertThat(fromA.owner()).isEqualTo(owner.id());
            var h = fromA.health();
            assertThat(h.status()).isEqualTo(SourceHealthState.Status.OK);
            assertThat(h.lastPollAt()).isNotNull();
            assertThat(h.lastSuccessAt()).isEqualTo(h.lastPollAt());
            assertThat(h.mentionsLastHour()).isEqualTo(2);
            assertThat(h.rateLimit().remaining()).isEqualTo(299);
            assertThat(h.nextPollAt()).isAfter(h.lastPollAt());
            assertThat(h.asOf()).isNotNull();
            assertThat(h.stale()).isFalse();
            // And the same through HTTP from a third instance (the application's own).
            Api.asViewer()
                    .get("/api/sources/" + m.id())
                    .then()
                    .statusCode(200)
                    .body("owner", equalTo(owner.id()))
                    .body("health.status", equalTo("OK"))
                    .body("health.lastPollAt", equalTo(h.lastPollAt().toString()))
                    .body("health.asOf", equalTo(h.asOf().toString()))
                    .body("health.mentionsLastHour", equalTo(2))
                    .body("health.stale", equalTo(false));
        }
    }

    @Test
    void aNewOwnerKeepsTheRateLimitOfA429AndDoesNotAskBeforeItsReset() throws Exception {
        var tag = SourceFixtures.unique("Paid");
        var brand = SourceFixtures.unique("paid-");
        var id = SourceFixtures.unique("x-");
        var base = "/" + SourceFixtures.unique("x");
        var search = base + "/2/tweets/search/recent";
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(id, "x", brand, wiremock.baseUrl() + base, "#" + tag, X_TOKEN);
        // The source refuses requests until its reset, a few seconds ahead (epoch seconds).
        var reset = Instant.ofEpochSecond(Instant.now().plusSeconds(7).getEpochSecond());
        wiremock.stubFor(
                get(urlPathEqualTo(search))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("x-rate-limit-limit", "450")
                                        .withHeader("x-rate-limit-remaining", "0")
                                        .withHeader(
                                                "x-rate-limit-reset",
                                                String.valueOf(reset.getEpochSecond()))
                                        .withBody(
                                                "{\"title\":\"Too Many Requests\",\"detail\":\"Too"
                                                        + " Many Requests\",\"type\":\"about:blank\","
                                                        + "\"status\":429}")));
        var a = node("a");
        var b = node("b");
        assertThat(a.leases().acquire(id)).isTrue();
        a.poller().tickAndWait();
        assertThat(requests(search)).hasSize(1);

        // a shuts down; b takes the connector over at once and ticks.
        a.leases().releaseAll();
        assertThat(b.leases().acquire(id)).isTrue();
        b.poller().tickAndWait();
        b.poller().tickAndWait();
        assertThat(Instant.now()).isBefore(reset);
        assertThat(requests(search)).as("no request before the reset").hasSize(1);
        var shown = b.api().get(id);
        assertThat(shown.owner()).isEqualTo(b.id());
        assertThat(shown.health().status()).isEqualTo(SourceHealthState.Status.RATE_LIMITED);
        assertThat(shown.health().consecutiveFailures()).isEqualTo(1);
        assertThat(shown.health().lastError())
                .isEqualTo("RATE_LIMITED 429: the source is rate limiting us");
        assertThat(shown.health().rateLimit().remaining()).isZero();
        assertThat(shown.health().rateLimit().resetAt()).isEqualTo(reset);
        assertThat(shown.health().nextPollAt()).isAfterOrEqualTo(reset);
        assertThat(shown.health().stale()).isFalse();
        assertThat(a.api().get(id)).isEqualTo(shown);

        // After the reset the new owner asks again, once.
        wiremock.stubFor(
                get(urlPathEqualTo(search))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("x-rate-limit-limit", "450")
                                        .withHeader("x-rate-limit-remaining", "449")
                                        .withHeader(
                                                "x-rate-limit-reset",
                                                String.valueOf(
                                                        reset.plusSeconds(900).getEpochSecond()))
                                        .withBody(
                                                JSON.writeValueAsString(
                                                        SourceFixtures.xPage(List.of(), null)))));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            b.poller().tickAndWait();
                            return requests(search).size() >= 2;
                        });
        var second =
                requests(search).stream()
                        .map(r -> r.getLoggedDate().toInstant())
                        .max(Instant::compareTo)
                        .orElseThrow();
        assertThat(second).isAfterOrEqualTo(reset);
        assertThat(b.api().get(id).health().status()).isEqualTo(SourceHealthState.Status.OK);
    }

    @Test
    void aChangeMadeOnAnotherInstanceIsWhatTheOwnerPollsNext() throws Exception {
        var m = mastodon();
        var newTag = SourceFixtures.unique("Renamed");
        var newPath = "/api/v1/timelines/tag/" + newTag;
        wiremock.stubFor(get(urlPathEqualTo(newPath)).willReturn(timeline(newTag, 1)));
        var a = node("a");
        assertThat(a.leases().acquire(m.id())).isTrue();
        a.poller().tickAndWait();
        a.poller().tickAndWait();
        // Polled once; the next poll is a minute away.
        assertThat(requests(m.path())).hasSize(1);

        // The change is served by the application's own instance, which does not own the
        // connector.
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", "mastodon");
        body.put("brandId", m.brand());
        body.put("url", wiremock.baseUrl());
        body.put("query", newTag);
        body.put("pollInterval", "PT1M");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .put("/api/sources/" + m.id())
                .then()
                .statusCode(200)
                .body("owner", equalTo(a.id()));

        a.poller().tickAndWait();
        assertThat(requests(newPath)).as("the new hashtag, at once").hasSize(1);
        assertThat(requests(m.path())).as("the old one, not again").hasSize(1);
        a.poller().tickAndWait();
        assertThat(requests(newPath)).hasSize(1);

        // A delete served elsewhere: the owner drops the connector and its metrics.
        assertThat(metricsOf(m.id())).isNotEmpty();
        Api.asAdmin().delete("/api/sources/" + m.id()).then().statusCode(204);
        a.poller().tickAndWait();
        assertThat(metricsOf(m.id())).isEmpty();
        assertThat(store.stored(m.id())).isEmpty();
        assertThat(requests(newPath)).hasSize(1);
    }

    @Test
    void theHealthOfAnOwnerThatIsGoneIsStaleUntilANewOwnerTakesItOver() throws Exception {
        var m = mastodon();
        var a = node("a", Duration.ofSeconds(2));
        var b = node("b");
        assertThat(a.leases().acquire(m.id())).isTrue();
        a.poller().tickAndWait();
        var before = b.api().get(m.id());
        assertThat(before.owner()).isEqualTo(a.id());
        assertThat(before.health().stale()).isFalse();

        // a stops renewing (a crash): its lease runs out, then its copy turns stale.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            var now = b.api().get(m.id());
                            assertThat(now.owner()).isNull();
                            assertThat(now.health().stale()).isTrue();
                            assertThat(now.health().asOf()).isEqualTo(before.health().asOf());
                        });
        Api.asViewer()
                .get("/api/sources/" + m.id())
                .then()
                .body("owner", equalTo(null))
                .body("health.stale", equalTo(true))
                .body("health.status", equalTo("OK"));

        // b takes it over and goes on from the stored health: not due yet, so no request, but
        // its copy is current again.
        assertThat(b.leases().acquire(m.id())).isTrue();
        b.poller().tickAndWait();
        assertThat(requests(m.path())).hasSize(1);
        var after = a.api().get(m.id());
        assertThat(after.owner()).isEqualTo(b.id());
        assertThat(after.health().stale()).isFalse();
        assertThat(after.health().asOf()).isAfter(before.health().asOf());
        assertThat(after.health().lastPollAt()).isEqualTo(before.health().lastPollAt());
        assertThat(after.health().nextPollAt()).isEqualTo(before.health().nextPollAt());
        assertThat(after.health().mentionsLastHour()).isEqualTo(2);
    }

    @Test
    void onlyTheOwnerReportsAConnectorsMetrics() throws Exception {
        var m = mastodon();
        var a = node("a");
        var b = node("b");
        assertThat(a.leases().acquire(m.id())).isTrue();

        // Showing the connector's health on an instance that does not own it adds no series.
        Api.asViewer().get("/api/sources").then().statusCode(200);
        Api.asViewer().get("/api/sources/" + m.id()).then().statusCode(200);
        b.api().get(m.id());
        b.poller().tickAndWait();
        assertThat(metricsOf(m.id())).isEmpty();

        a.poller().tickAndWait();
        assertThat(metricsOf(m.id()))
                .contains(
                        "caresignal_source_up{connector=\""
                                + m.id()
                                + "\",source=\"mastodon\"} 1.0",
                        "caresignal_source_mentions_last_hour{connector=\""
                                + m.id()
                                + "\",source=\"mastodon\"} 2.0");

        // Handed over: the old owner stops reporting it, the new one reports it, with the
        // mentions counted by the old one.
        a.leases().releaseAll();
        a.poller().tickAndWait();
        assertThat(metricsOf(m.id())).isEmpty();
        assertThat(b.leases().acquire(m.id())).isTrue();
        b.poller().tickAndWait();
        assertThat(metricsOf(m.id()))
                .contains(
                        "caresignal_source_mentions_last_hour{connector=\""
                                + m.id()
                                + "\",source=\"mastodon\"} 2.0");
        assertThat(requests(m.path())).hasSize(1);
    }

    /** The lines of /q/metrics about one connector's health gauges. */
    private static List<String> metricsOf(String connector) {
        return Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> !l.startsWith("#"))
                .filter(l -> l.contains("connector=\"" + connector + "\""))
                .filter(
                        l ->
                                l.startsWith("caresignal_source_up")
                                        || l.startsWith("caresignal_source_mentions_last_hour")
                                        || l.startsWith("caresignal_source_rate_limit_remaining")
                                        || l.startsWith("caresignal_source_last_success_timestamp"))
                .toList();
    }
}
