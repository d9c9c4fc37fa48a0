package org.caresignal.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.GoldenShape;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.SourceFixtures.NewsItem;
import org.caresignal.ingest.support.TestStack;
import org.caresignal.ingest.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources API (CRUD, write-only credential, problem+json), the per-connector metrics, and
 * SourceSilent published once per silence and SourceRecovered once when it ends, each with exactly
 * its golden file's fields.
 */
@QuarkusTest
class SourceResourceTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer wiremock;

    @Inject SourcePoller poller;
    @Inject org.caresignal.ingest.repository.SourceConnectorRepository connectors;

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

    private static LinkedHashMap<String, Object> body(String id, String brand) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "mastodon");
        body.put("brandId", brand);
        body.put("url", "https://mastodon.example");
        body.put("query", "#MercyGeneral");
        body.put("credential", "very-secret-token");
        body.put("pollInterval", "PT2M");
        return body;
    }

    @Test
    void onlyAnAdminChangesASourceAnAnalystGets403AndNothingChanges() {
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var id = SourceFixtures.unique("s-");
        Api.asAdmin()
                .contentType("application/json")
                .body(body(id, brand))
                .post("/api/sources")
                .then()
                .statusCode(201);
        var replace = body(id, brand);
        replace.put("url", "https://elsewhere.example");
        for (var token : List.of(Tokens.analyst(), Tokens.viewer(), Tokens.responder())) {
            Api.as(token)
                    .contentType("application/json")
                    .body(replace)
                    .put("/api/sources/" + id)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            Api.as(token).delete("/api/sources/" + id).then().statusCode(403);
            Api.as(token).post("/api/sources/" + id + "/poll").then().statusCode(403);
        }
        Api.anonymous()
                .contentType("application/json")
                .body(replace)
                .put("/api/sources/" + id)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.asAnalyst()
                .get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("url", equalTo("https://mastodon.example"));
        Api.asAdmin().delete("/api/sources/" + id).then().statusCode(204);
    }

    @Test
    void crudNeverReturnsTheCredential() {
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var id = SourceFixtures.unique("s-");

        Api.asAdmin()
                .contentType("application/json")
                .body(body(id, brand))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/sources/" + id))
                .body("query", equalTo("MercyGeneral"))
                .body("credentialSet", equalTo(true))
                .body("pollInterval", equalTo("PT2M"))
                .body("silentAfter", equalTo("PT6H"))
                .body("health.status", equalTo("NEVER_POLLED"))
                .body(not(containsString("very-secret-token")));
        Api.asViewer()
                .get("/api/sources")
                .then()
                .statusCode(200)
                .body("id", hasItem(id))
                .body(not(containsString("very-secret-token")));
        Api.asAdmin()
                .contentType("application/json")
                .body(body(id, brand))
                .post("/api/sources")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        // Without a credential the stored one stays; "" removes it.
        var replace = body(id, brand);
        replace.remove("credential");
        replace.put("enabled", false);
        Api.asAdmin()
                .contentType("application/json")
                .body(replace)
                .put("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("credentialSet", equalTo(true))
                .body("enabled", equalTo(false))
                .body("health.status", equalTo("DISABLED"));
        replace.put("credential", "");
        Api.asAdmin()
                .contentType("application/json")
                .body(replace)
                .put("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("credentialSet", equalTo(false));

        Api.asAdmin().delete("/api/sources/" + id).then().statusCode(204);
        Api.asViewer()
                .get("/api/sources/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidSourcesAreProblemsNamingTheField() {
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var cases =
                List.of(
                        new Object[] {"kind", "twitter"},
                        new Object[] {"brandId", "no-such-brand"},
                        new Object[] {"url", "ftp://example.org/feed"},
                        new Object[] {"query", "two words"},
                        new Object[] {"pollInterval", "PT1S"},
                        new Object[] {"pollInterval", "five minutes"});
        for (var c : cases) {
            var b = body(SourceFixtures.unique("s-"), brand);
            b.put((String) c[0], c[1]);
            Api.asAdmin()
                    .contentType("application/json")
                    .body(b)
                    .post("/api/sources")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(c[0]))
                    .body(not(containsString("very-secret-token")));
        }
    }

    @Test
    void aSilentSourcePublishesSourceSilentOnceWithTheGoldenFields() throws Exception {
        var tag = SourceFixtures.unique("T");
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, tag);
        var id = SourceFixtures.unique("s-");
        var path = "/feed/" + id;
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "rss");
        body.put("brandId", brand);
        body.put("url", wiremock.baseUrl() + path);
        body.put("silentAfter", "PT1S");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        wiremock.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/xml")
                                        .withBody(
                                                SourceFixtures.googleNewsFeed(
                                                        List.of(
                                                                new NewsItem(
                                                                        SourceFixtures.unique("g"),
                                                                        "#" + tag,
                                                                        "Sat, 01 Aug 2026 09:15:00 GMT"))))));
        poller.pollNow(id);
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        poller.pollNow(id);

        var later = Instant.now().plusSeconds(5);
        assertThat(poller.checkSilence(later)).isGreaterThanOrEqualTo(1);
        Api.asViewer().get("/api/sources/" + id).then().body("health.silent", equalTo(true));
        var records =
                KafkaTestClient.readUntil(
                        "sources.silent.v1",
                        r -> r.value().contains("\"" + id + "\""),
                        r -> r.value().contains("\"" + id + "\""));
        // Once per silence: a second check publishes nothing more for this connector.
        assertThat(poller.checkSilence(later.plusSeconds(1))).isZero();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(brand);
        var published = JSON.readTree(records.get(0).value());
        // Not rate-limited: rateLimitedUntil is null, every other field is filled in.
        GoldenShape.assertMatches(published, "SourceSilent", Set.of("rateLimitedUntil"));
        assertThat(published.get("source").asText()).isEqualTo("rss");
        assertThat(published.get("lastError").asText())
                .isEqualTo("SERVER_ERROR 503: the source failed");
        assertThat(published.get("silentAfter").asText()).isEqualTo("PT1S");
        // The last poll failed: the silence is a failing source, not a quiet one.
        assertThat(published.get("reason").asText()).isEqualTo("FAILING");
        assertThat(published.get("rateLimitedUntil").isNull()).isTrue();

        Management.given()
                .get("/q/metrics")
                .then()
                .body(containsString("caresignal_source_polls_total{connector=\"" + id + "\""))
                .body(
                        containsString(
                                "caresignal_source_mentions_last_hour{connector=\"" + id + "\""))
                .body(containsString("caresignal_source_silent_total{connector=\"" + id + "\""));
    }

    @Test
    void aSilentSourceThatDeliversAgainPublishesSourceRecoveredOncePerSilence() throws Exception {
        var tag = SourceFixtures.unique("T");
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, tag);
        var id = SourceFixtures.unique("s-");
        var path = "/feed/" + id;
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "rss");
        body.put("brandId", brand);
        body.put("url", wiremock.baseUrl() + path);
        body.put("silentAfter", "PT1S");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        var items = new java.util.ArrayList<NewsItem>();
        items.add(
                new NewsItem(
                        SourceFixtures.unique("g"), "#" + tag, "Sat, 01 Aug 2026 09:15:00 GMT"));
        serveFeed(path, items);
        poller.pollNow(id);

        // First silence, then a new post: one SourceRecovered, not repeated by further checks.
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        poller.pollNow(id);
        awaitSilent(id);
        items.add(
                new NewsItem(
                        SourceFixtures.unique("g"), "#" + tag, "Sat, 01 Aug 2026 10:15:00 GMT"));
        serveFeed(path, items);
        poller.pollNow(id);
        Api.asViewer().get("/api/sources/" + id).then().body("health.silent", equalTo(false));
        // The pending recovery is in the connector's row (what a restarted process reads), not in
        // the poller's memory: dropping that memory changes nothing.
        var row = stored(id);
        assertThat(row.silenceOpenSince).isNotNull();
        assertThat(row.silenceEventId).isNotNull();
        assertThat(row.recoveredItemAt).isAfter(row.silenceOpenSince);
        poller.forget(id);
        assertThat(poller.checkRecovery(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(poller.checkRecovery(Instant.now())).isZero();
        row = stored(id);
        assertThat(row.silenceOpenSince).isNull();
        assertThat(row.silenceEventId).isNull();
        assertThat(row.recoveredItemAt).isNull();

        // A second silence of the same connector is reported, and recovered, once more.
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        poller.pollNow(id);
        awaitSilent(id);
        assertThat(poller.checkRecovery(Instant.now())).isZero();
        items.add(
                new NewsItem(
                        SourceFixtures.unique("g"), "#" + tag, "Sat, 01 Aug 2026 11:15:00 GMT"));
        serveFeed(path, items);
        poller.pollNow(id);
        assertThat(poller.checkRecovery(Instant.now())).isGreaterThanOrEqualTo(1);

        var recovered = new java.util.concurrent.atomic.AtomicInteger();
        var records =
                KafkaTestClient.readUntil(
                        "sources.silent.v1",
                        r -> r.value().contains("\"" + id + "\""),
                        r ->
                                r.value().contains("\"" + id + "\"")
                                        && r.value().contains("\"SourceRecovered\"")
                                        && recovered.incrementAndGet() == 2);
        var events = new java.util.ArrayList<JsonNode>();
        for (var r : records) {
            assertThat(r.key()).isEqualTo(brand);
            events.add(JSON.readTree(r.value()));
        }
        // One key, one partition: the order on the topic is the order of the facts.
        assertThat(events)
                .extracting(e -> e.get("eventType").asText())
                .containsExactly(
                        "SourceSilent", "SourceRecovered", "SourceSilent", "SourceRecovered");
        for (int i = 0; i < 4; i += 2) {
            var silent = events.get(i);
            var recovery = events.get(i + 1);
            // Ended by a new post: every field is filled in, as in the golden file.
            GoldenShape.assertMatches(recovery, "SourceRecovered", Set.of());
            assertThat(recovery.get("resolution").asText()).isEqualTo("DELIVERING");
            assertThat(silent.get("reason").asText()).isEqualTo("FAILING");
            assertThat(recovery.get("silenceEventId").asText())
                    .isEqualTo(silent.get("eventId").asText());
            assertThat(recovery.get("silentSince").asText())
                    .isEqualTo(silent.get("silentSince").asText());
            assertThat(recovery.get("source").asText()).isEqualTo("rss");
            assertThat(recovery.get("connectorId").asText()).isEqualTo(id);
            var since = Instant.parse(recovery.get("silentSince").asText());
            var first = Instant.parse(recovery.get("firstItemAt").asText());
            assertThat(first).isAfter(since);
            assertThat(Instant.parse(recovery.get("recoveredAt").asText())).isAfterOrEqualTo(first);
            assertThat(java.time.Duration.parse(recovery.get("silentFor").asText()))
                    .isEqualTo(java.time.Duration.between(since, first));
        }
        assertThat(events.get(2).get("silentSince").asText())
                .isEqualTo(events.get(1).get("firstItemAt").asText());
        Management.given()
                .get("/q/metrics")
                .then()
                .body(
                        containsString(
                                "caresignal_source_recovered_total{connector=\"" + id + "\"} 2.0"));
    }

    private org.caresignal.ingest.domain.SourceConnector stored(String id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> connectors.findById(id));
    }

    /**
     * Checks for silences at the real time until the connector's (silentAfter PT1S) is reported.
     */
    private void awaitSilent(String id) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(
                        () -> {
                            poller.checkSilence(Instant.now());
                            return Api.asViewer()
                                    .get("/api/sources/" + id)
                                    .then()
                                    .extract()
                                    .jsonPath()
                                    .getBoolean("health.silent");
                        });
    }

    private static void serveFeed(String path, List<NewsItem> items) {
        wiremock.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/xml")
                                        .withBody(SourceFixtures.googleNewsFeed(items))));
    }
}
