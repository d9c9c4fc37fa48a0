package org.caresignal.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.GoldenShape;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source health beyond quiet sources, against WireMock answering like X and Reddit do: a source out
 * of requests for longer than {@code rate-limit-alert-after} (PT15M) is reported at once as {@code
 * RATE_LIMITED}, once, across a restart of the poller's memory, and recovers with the first
 * successful poll even without a new post; a shorter window (Reddit's 10 minutes) is not reported;
 * disabling or deleting a reported connector publishes {@code SourceRecovered} with {@code
 * resolution} {@code DISABLED} or {@code DELETED}. Each event is checked against its golden file.
 */
@QuarkusTest
class SourceHealthEventsTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "sources.silent.v1";
    private static WireMockServer wiremock;

    @Inject SourcePoller poller;
    @Inject SourceConnectorRepository connectors;

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

    @Test
    void anXUsageCapIsReportedAtOnceOnceAndEndsWithTheFirstSuccessfulPoll() throws Exception {
        var tag = SourceFixtures.unique("Riverside");
        var brand = SourceFixtures.unique("riverside-");
        var id = SourceFixtures.unique("x-");
        var base = "/" + SourceFixtures.unique("x");
        var search = base + "/2/tweets/search/recent";
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                id, "x", brand, wiremock.baseUrl() + base, "#" + tag, "AAAA-bearer-token-77");
        var postId =
                String.valueOf(
                        1_951_000_000_000_000_000L
                                + ThreadLocalRandom.current().nextLong(1, 1L << 50));
        wiremock.stubFor(
                get(urlPathEqualTo(search))
                        .willReturn(
                                xOk(
                                        JSON.writeValueAsString(
                                                SourceFixtures.xPage(
                                                        List.of(
                                                                SourceFixtures.xPost(
                                                                        postId,
                                                                        tag,
                                                                        "Thanks to the ER team")),
                                                        null)))));
        poller.pollNow(id);
        var lastItemAt = stored(id).lastItemAt;
        assertThat(lastItemAt).isNotNull();

        // The monthly usage cap: a 429 whose reset lies days ahead.
        var reset = Instant.now().plus(Duration.ofDays(6)).getEpochSecond();
        wiremock.stubFor(
                get(urlPathEqualTo(search))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/problem+json")
                                        .withHeader("x-rate-limit-limit", "450")
                                        .withHeader("x-rate-limit-remaining", "0")
                                        .withHeader("x-rate-limit-reset", String.valueOf(reset))
                                        .withBody(
                                                "{\"title\":\"UsageCapExceeded\",\"detail\":\"Usage"
                                                        + " cap exceeded: Monthly product cap\","
                                                        + "\"type\":\"https://api.x.com/2/problems/"
                                                        + "usage-capped\",\"period\":\"Monthly\","
                                                        + "\"scope\":\"Product\"}")));
        poller.pollNow(id);
        // Far from its silentAfter (PT6H), yet reported at the next check.
        poller.checkSilence(Instant.now());
        var row = stored(id);
        assertThat(row.silenceReason).isEqualTo("RATE_LIMITED");
        assertThat(row.rateLimitedUntil).isEqualTo(Instant.ofEpochSecond(reset));
        var silenceEventId = row.silenceEventId;
        assertThat(silenceEventId).isNotNull();
        Api.asViewer().get("/api/sources/" + id).then().body("health.silent", equalTo(true));

        // Once: neither a second check nor a restart (the poller's memory dropped) repeats it.
        poller.checkSilence(Instant.now().plusSeconds(1));
        poller.forget(id);
        poller.checkSilence(Instant.now().plusSeconds(2));
        assertThat(stored(id).silenceEventId).isEqualTo(silenceEventId);

        // The cap is lifted: the first successful poll, with no new post, ends the silence.
        wiremock.stubFor(
                get(urlPathEqualTo(search)).willReturn(xOk("{\"meta\":{\"result_count\":0}}")));
        poller.pollNow(id);
        row = stored(id);
        assertThat(row.recoveredPollAt).isNotNull();
        assertThat(row.recoveredItemAt).isNull();
        assertThat(row.rateLimitedUntil).isNull();
        var polledAt = row.recoveredPollAt;
        assertThat(poller.checkRecovery(Instant.now())).isGreaterThanOrEqualTo(1);
        row = stored(id);
        assertThat(row.silenceOpenSince).isNull();
        assertThat(row.recoveredPollAt).isNull();
        // Not silent for its silentAfter yet: nothing more to report.
        poller.checkSilence(Instant.now());
        assertThat(stored(id).silenceOpenSince).isNull();

        var events = eventsOf(id, 2);
        assertThat(events)
                .extracting(e -> e.get("eventType").asText())
                .containsExactly("SourceSilent", "SourceRecovered");
        var silent = events.get(0);
        GoldenShape.assertMatches(silent, "SourceSilent", Set.of());
        assertThat(silent.get("eventId").asText()).isEqualTo(silenceEventId.toString());
        assertThat(silent.get("reason").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Instant.parse(silent.get("rateLimitedUntil").asText()))
                .isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(silent.get("lastError").asText())
                .isEqualTo("RATE_LIMITED 429: the source is rate limiting us");
        assertThat(Instant.parse(silent.get("silentSince").asText())).isEqualTo(lastItemAt);
        assertThat(silent.get("silentAfter").asText()).isEqualTo("PT6H");
        var recovered = events.get(1);
        GoldenShape.assertMatches(recovered, "SourceRecovered", Set.of("firstItemAt"));
        assertThat(recovered.get("resolution").asText()).isEqualTo("DELIVERING");
        assertThat(recovered.get("firstItemAt").isNull()).isTrue();
        assertThat(recovered.get("silenceEventId").asText()).isEqualTo(silenceEventId.toString());
        assertThat(Duration.parse(recovered.get("silentFor").asText()))
                .isEqualTo(Duration.between(lastItemAt, polledAt));
    }

    @Test
    void aRedditTenMinuteWindowIsNotReportedEarlyButShowsInTheSilenceItEndsUpIn() throws Exception {
        var tag = SourceFixtures.unique("Riverside");
        var brand = SourceFixtures.unique("riverside-");
        var id = SourceFixtures.unique("reddit-");
        var base = "/" + SourceFixtures.unique("r");
        SourceFixtures.brandWatching(brand, tag);
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "reddit");
        body.put("brandId", brand);
        body.put("url", wiremock.baseUrl() + base);
        body.put("query", tag);
        body.put("credential", "client-abc:secret-xyz-987");
        body.put("silentAfter", "PT1M");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        wiremock.stubFor(
                post(urlPathEqualTo(base + "/api/v1/access_token"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"access_token\":\"tok-"
                                                        + id
                                                        + "\",\"token_type\":\"bearer\","
                                                        + "\"expires_in\":86400,\"scope\":\"*\"}")));
        wiremock.stubFor(
                get(urlPathEqualTo(base + "/search"))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("X-Ratelimit-Used", "1000")
                                        .withHeader("X-Ratelimit-Remaining", "0.0")
                                        .withHeader("X-Ratelimit-Reset", "540")
                                        .withBody(
                                                "{\"message\": \"Too Many Requests\", \"error\":"
                                                        + " 429}")));
        var before = Instant.now();
        poller.pollNow(id);

        poller.checkSilence(Instant.now());
        var row = stored(id);
        assertThat(row.rateLimitedUntil)
                .isBetween(before.plusSeconds(540), Instant.now().plusSeconds(541));
        assertThat(row.silenceOpenSince).isNull();
        Api.asViewer()
                .get("/api/sources/" + id)
                .then()
                .body("health.status", equalTo("RATE_LIMITED"))
                .body("health.silent", equalTo(false));

        // Its silentAfter (PT1M) passes while it is still limited: a failing source, limit shown.
        poller.checkSilence(row.createdAt.plus(Duration.ofMinutes(1)).plusSeconds(1));
        row = stored(id);
        assertThat(row.silenceReason).isEqualTo("FAILING");
        var silent = eventsOf(id, 1).get(0);
        GoldenShape.assertMatches(silent, "SourceSilent", Set.of("lastItemAt"));
        assertThat(silent.get("reason").asText()).isEqualTo("FAILING");
        assertThat(silent.get("lastItemAt").isNull()).isTrue();
        assertThat(silent.get("lastError").asText())
                .isEqualTo("RATE_LIMITED 429: the source is rate limiting us");
        assertThat(Instant.parse(silent.get("rateLimitedUntil").asText()))
                .isEqualTo(row.rateLimitedUntil);
    }

    @Test
    void disablingOrDeletingAReportedConnectorEndsItsSilenceInTheSameTransaction()
            throws Exception {
        var brand = SourceFixtures.unique("b-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var disabled = rss(brand, "PT1S");
        var deleted = rss(brand, "PT1S");
        var quiet = rss(brand, "PT6H");
        for (var id : List.of(disabled, deleted, quiet)) {
            poller.pollNow(id);
        }
        var later = Instant.now().plusSeconds(5);
        poller.checkSilence(later);
        assertThat(stored(disabled).silenceOpenSince).isNotNull();
        assertThat(stored(deleted).silenceOpenSince).isNotNull();
        assertThat(stored(quiet).silenceOpenSince).isNull();

        var replace = new LinkedHashMap<String, Object>();
        replace.put("kind", "rss");
        replace.put("brandId", brand);
        replace.put("url", wiremock.baseUrl() + "/feed/" + disabled);
        replace.put("silentAfter", "PT1S");
        replace.put("enabled", false);
        Api.asAdmin()
                .contentType("application/json")
                .body(replace)
                .put("/api/sources/" + disabled)
                .then()
                .statusCode(200)
                .body("health.silent", equalTo(false));
        var row = stored(disabled);
        assertThat(row.silenceOpenSince).isNull();
        assertThat(row.silenceEventId).isNull();
        // A disabled connector is never reported, however long it stays quiet.
        poller.checkSilence(later.plus(Duration.ofMinutes(1)));
        assertThat(stored(disabled).silenceOpenSince).isNull();
        // Disabling a connector with no reported silence publishes nothing.
        replace.put("url", wiremock.baseUrl() + "/feed/" + quiet);
        replace.put("silentAfter", "PT6H");
        Api.asAdmin()
                .contentType("application/json")
                .body(replace)
                .put("/api/sources/" + quiet)
                .then()
                .statusCode(200);
        Api.asAdmin().delete("/api/sources/" + deleted).then().statusCode(204);

        // One brand, one partition: what the quiet connector would have published comes first.
        var records =
                KafkaTestClient.readUntil(
                        TOPIC,
                        r -> brand.equals(r.key()),
                        r ->
                                r.value().contains("\"" + deleted + "\"")
                                        && r.value().contains("\"SourceRecovered\""));
        var byConnector = new LinkedHashMap<String, List<JsonNode>>();
        for (var r : records) {
            var e = JSON.readTree(r.value());
            byConnector
                    .computeIfAbsent(e.get("connectorId").asText(), k -> new ArrayList<>())
                    .add(e);
        }
        assertThat(byConnector).doesNotContainKey(quiet);
        for (var entry : Map.of(disabled, "DISABLED", deleted, "DELETED").entrySet()) {
            var events = byConnector.get(entry.getKey());
            assertThat(events)
                    .extracting(e -> e.get("eventType").asText())
                    .containsExactly("SourceSilent", "SourceRecovered");
            var recovered = events.get(1);
            GoldenShape.assertMatches(recovered, "SourceRecovered", Set.of("firstItemAt"));
            assertThat(recovered.get("resolution").asText()).isEqualTo(entry.getValue());
            assertThat(recovered.get("firstItemAt").isNull()).isTrue();
            assertThat(recovered.get("silenceEventId").asText())
                    .isEqualTo(events.get(0).get("eventId").asText());
            assertThat(recovered.get("silentSince").asText())
                    .isEqualTo(events.get(0).get("silentSince").asText());
        }
        Management.given()
                .get("/q/metrics")
                .then()
                .body(
                        containsString(
                                "caresignal_source_silence_withdrawn_total{connector=\""
                                        + deleted
                                        + "\",resolution=\"DELETED\"} 1.0"));
    }

    /** An RSS connector of the brand whose feed answers 503 (so it never delivers). */
    private static String rss(String brand, String silentAfter) {
        var id = SourceFixtures.unique("s-");
        wiremock.stubFor(
                get(urlPathEqualTo("/feed/" + id)).willReturn(aResponse().withStatus(503)));
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", "rss");
        body.put("brandId", brand);
        body.put("url", wiremock.baseUrl() + "/feed/" + id);
        body.put("silentAfter", silentAfter);
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
        return id;
    }

    private static ResponseDefinitionBuilder xOk(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-rate-limit-limit", "450")
                .withHeader("x-rate-limit-remaining", "449")
                .withHeader(
                        "x-rate-limit-reset",
                        String.valueOf(Instant.now().plusSeconds(900).getEpochSecond()))
                .withBody(body);
    }

    /** The connector's events on the topic, once {@code count} of them have arrived. */
    private static List<JsonNode> eventsOf(String id, int count) throws Exception {
        var seen = new java.util.concurrent.atomic.AtomicInteger();
        var events = new ArrayList<JsonNode>();
        for (var r :
                KafkaTestClient.readUntil(
                        TOPIC,
                        r -> r.value().contains("\"" + id + "\""),
                        r ->
                                r.value().contains("\"" + id + "\"")
                                        && seen.incrementAndGet() == count)) {
            events.add(JSON.readTree(r.value()));
        }
        return events;
    }

    private SourceConnector stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> connectors.findById(id));
    }
}
