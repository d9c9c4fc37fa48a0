package org.caresignal.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.SimulatedInstances;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest "instances" (two pollers, each with its own leases, on the same database and broker)
 * ticking at the same time over Mastodon connectors served by WireMock: each timeline is fetched by
 * its owner only and each status published once; when one instance shuts down, the other keeps the
 * schedule it left (no poll before its time) and carries on from the cursor it left, with no status
 * fetched or published twice.
 */
@QuarkusTest
class TwoPollersTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer wiremock;

    @Inject SourceConnectorRepository connectors;
    @Inject SimulatedInstances instances;

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

    /** One connector: its brand (the Kafka key), hashtag and timeline path. */
    private record Source(String id, String brand, String tag, String path) {}

    /** An ingest instance: its leases and its poller. */
    private record Node(ConnectorLeases leases, SourcePoller poller) {}

    private Node node(String name) {
        var leases = instances.leases(name, Duration.ofSeconds(30));
        return new Node(leases, instances.poller(leases));
    }

    private static String uri(Source s, long id) {
        return "https://other.example/users/alice/statuses/" + s.tag() + "-" + id;
    }

    /** Statuses {@code from..to}, newest first, with Mastodon's Link header. */
    private static ResponseDefinitionBuilder page(Source s, long from, long to) throws Exception {
        var list = new ArrayList<Map<String, Object>>();
        for (long id = to; id >= from; id--) {
            list.add(SourceFixtures.status(String.valueOf(id), uri(s, id), s.tag(), "Kind staff"));
        }
        var base = wiremock.baseUrl() + s.path();
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "300")
                .withHeader("X-RateLimit-Remaining", "299")
                .withHeader("X-RateLimit-Reset", "2026-08-01T12:35:00.000000Z")
                .withHeader(
                        "Link",
                        "<"
                                + base
                                + "?limit=40&max_id="
                                + from
                                + ">; rel=\"next\", <"
                                + base
                                + "?limit=40&min_id="
                                + to
                                + ">; rel=\"prev\"")
                .withBody(JSON.writeValueAsString(list));
    }

    private static int requests(Source s, String minId) {
        var r = getRequestedFor(urlPathEqualTo(s.path()));
        r =
                minId == null
                        ? r.withQueryParam("min_id", absent())
                        : r.withQueryParam("min_id", WireMock.equalTo(minId));
        return wiremock.findAll(r).size();
    }

    /** Both instances tick at the same time, as two pods' schedulers would. */
    private static void tickTogether(Node... nodes) throws Exception {
        var pool = Executors.newFixedThreadPool(nodes.length);
        try {
            var runs = new ArrayList<CompletableFuture<Void>>();
            for (var n : nodes) {
                runs.add(CompletableFuture.runAsync(n.poller()::tickAndWait, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdown();
        }
    }

    /** External ids published for these brands, with how often each was published. */
    private static Map<String, Long> published(List<Source> sources) {
        return KafkaTestClient.publishedExternalIds(sources.stream().map(Source::brand).toList());
    }

    @Test
    void eachTimelineIsFetchedByItsOwnerOnlyAndEachStatusPublishedOnce() throws Exception {
        var sources = new ArrayList<Source>();
        for (int i = 0; i < 3; i++) {
            var tag = SourceFixtures.unique("Two");
            var brand = SourceFixtures.unique("two-");
            var id = SourceFixtures.unique("two-" + i + "-");
            SourceFixtures.brandWatching(brand, tag);
            SourceFixtures.connector(id, "mastodon", brand, wiremock.baseUrl(), tag, null);
            var s = new Source(id, brand, tag, "/api/v1/timelines/tag/" + tag);
            wiremock.stubFor(
                    get(urlPathEqualTo(s.path()))
                            .withQueryParam("min_id", absent())
                            .willReturn(page(s, 101, 102)));
            wiremock.stubFor(
                    get(urlPathEqualTo(s.path()))
                            .withQueryParam("min_id", WireMock.equalTo("102"))
                            .willReturn(page(s, 103, 103)));
            sources.add(s);
        }
        var ids = sources.stream().map(Source::id).toList();
        var a = node("a");
        var b = node("b");
        try {
            // a comes up first and takes all; b comes up; a gives back the excess; b takes it.
            a.leases().heartbeat(ids);
            b.leases().heartbeat(ids);
            a.leases().heartbeat(ids);
            b.leases().heartbeat(ids);
            assertThat(a.leases().owned())
                    .isNotEmpty()
                    .doesNotContainAnyElementsOf(b.leases().owned());
            assertThat(b.leases().owned()).isNotEmpty();

            // Both schedulers tick, twice: each due connector is polled by its owner alone.
            tickTogether(a, b);
            tickTogether(a, b);

            var expected = new HashMap<String, Long>();
            for (var s : sources) {
                assertThat(requests(s, null)).as("newest page of %s", s.id()).isEqualTo(1);
                assertThat(requests(s, "102")).isZero();
                var owner = a.leases().owns(s.id()) ? a : b;
                var other = owner == a ? b : a;
                assertThat(owner.poller().health(connectors(s)).lastPollAt()).isNotNull();
                assertThat(other.poller().health(connectors(s)).lastPollAt()).isNull();
                expected.put(uri(s, 101), 1L);
                expected.put(uri(s, 102), 1L);
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(published(sources)).isEqualTo(expected));

            // a shuts down: b takes its connectors at once and goes on from a's cursors.
            var handedOver = List.copyOf(a.leases().owned());
            a.leases().releaseAll();
            assertThat(b.leases().heartbeat(ids).won())
                    .containsExactlyInAnyOrderElementsOf(handedOver);
            tickTogether(a, b);
            // b goes on from the health a stored: the next polls are not due yet (a minute after
            // a's), so nothing is fetched before its time.
            for (var s : sources) {
                assertThat(requests(s, "102")).isZero();
            }
            for (var id : handedOver) {
                b.poller().pollNow(id);
            }

            for (var s : sources) {
                var wasA = handedOver.contains(s.id());
                assertThat(requests(s, null)).isEqualTo(1);
                assertThat(requests(s, "102")).isEqualTo(wasA ? 1 : 0);
                if (wasA) {
                    expected.put(uri(s, 103), 1L);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(published(sources)).isEqualTo(expected));
        } finally {
            a.leases().releaseAll();
            b.leases().releaseAll();
        }
    }

    @Test
    void onlyTheOwnerJudgesItsConnectorSilentAndSaysWhy() throws Exception {
        var tag = SourceFixtures.unique("Quiet");
        var brand = SourceFixtures.unique("quiet-");
        var id = SourceFixtures.unique("quiet-");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(id, "mastodon", brand, wiremock.baseUrl(), tag, null);
        var s = new Source(id, brand, tag, "/api/v1/timelines/tag/" + tag);
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .willReturn(
                                aResponse()
                                        .withStatus(503)
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(
                                                "<html><body>Service Unavailable</body></html>")));
        var a = node("a");
        var b = node("b");
        try {
            assertThat(a.leases().acquire(id)).isTrue();
            a.poller().pollNow(id);
            var later = Instant.now().plus(Duration.ofDays(1));

            // b has seen no poll of it: were b to judge, it would call the failing source quiet.
            b.poller().checkSilence(later);
            assertThat(connectors(s).silentReportedAt).isNull();

            a.poller().checkSilence(later);
            var reported = connectors(s);
            assertThat(reported.silentReportedAt).isNotNull();
            assertThat(reported.silenceReason).isEqualTo("FAILING");
        } finally {
            a.leases().releaseAll();
            b.leases().releaseAll();
        }
    }

    private org.caresignal.ingest.domain.SourceConnector connectors(Source s) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> connectors.findById(s.id()));
    }
}
