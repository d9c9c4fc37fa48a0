package org.caresignal.ingest.source.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Mastodon hashtag-timeline connector against WireMock serving the documented Status shape:
 * min_id paging through the Link header, HTML to text, bearer token, X-RateLimit-* headers, 429,
 * 401 JSON and 403 HTML errors, malformed JSON, and a restart in the middle of a poll that resumes
 * with no duplicate and no gap.
 */
@QuarkusTest
class MastodonConnectorTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer wiremock;

    @Inject SourcePoller poller;

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

    private record Setup(String brand, String tag, String connector, String path, String run) {}

    private Setup setup(String token) {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("masto-");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                connector, "mastodon", brand, wiremock.baseUrl(), "#" + tag, token);
        return new Setup(
                brand, tag, connector, "/api/v1/timelines/tag/" + tag, SourceFixtures.unique(""));
    }

    private static String uri(Setup s, long id) {
        return "https://other.example/users/alice/statuses/" + s.run() + id;
    }

    /** Statuses {@code from..to}, newest first, as the server serves them. */
    private static String page(Setup s, long from, long to) throws Exception {
        var list = new ArrayList<Map<String, Object>>();
        for (long id = to; id >= from; id--) {
            list.add(SourceFixtures.status(String.valueOf(id), uri(s, id), s.tag(), "Great care"));
        }
        return JSON.writeValueAsString(list);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(
            Setup s, String body, long newest, long oldest, int remaining) {
        var r =
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-RateLimit-Limit", "300")
                        .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                        .withHeader("X-RateLimit-Reset", "2026-08-01T12:35:00.000000Z")
                        .withBody(body);
        if (newest > 0) {
            var base = wiremock.baseUrl() + s.path();
            r.withHeader(
                    "Link",
                    "<"
                            + base
                            + "?limit=40&max_id="
                            + oldest
                            + ">; rel=\"next\", <"
                            + base
                            + "?limit=40&min_id="
                            + newest
                            + ">; rel=\"prev\"");
        }
        return r;
    }

    private ValidatableResponse health(String connector) {
        return Api.asViewer().get("/api/sources/" + connector).then().statusCode(200);
    }

    private static List<String> published(String brand, String untilUri) throws Exception {
        var out = new ArrayList<String>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && r.value().contains(untilUri))) {
            out.add(JSON.readTree(r.value()).get("externalId").asText());
        }
        return out;
    }

    @Test
    void statusesArePublishedAsPlainTextKeyedByUriWithTheTokenAndRateLimitShown() throws Exception {
        var s = setup("secret-token-123");
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", absent())
                        .willReturn(ok(s, page(s, 1001, 1002), 1002, 1001, 299)));

        poller.pollNow(s.connector());

        wiremock.verify(
                getRequestedFor(urlPathEqualTo(s.path()))
                        .withHeader("Authorization", WireMock.equalTo("Bearer secret-token-123"))
                        .withQueryParam("limit", WireMock.equalTo("40")));
        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> s.brand().equals(r.key()),
                        r -> s.brand().equals(r.key()) && r.value().contains(uri(s, 1002)));
        assertThat(records).hasSize(2);
        var first = JSON.readTree(records.get(0).value());
        assertThat(first.get("source").asText()).isEqualTo("mastodon");
        assertThat(first.get("externalId").asText()).isEqualTo(uri(s, 1001));
        assertThat(first.get("url").asText())
                .isEqualTo("https://other.example/@alice/" + s.run() + 1001);
        assertThat(first.get("text").asText())
                .isEqualTo(
                        "Great care at #"
                                + s.tag()
                                + " today. https://example.org/news/very/long/path");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2026-08-01T12:30:15Z");
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.rateLimit.limit", equalTo(300))
                .body("health.rateLimit.remaining", equalTo(299))
                .body("health.rateLimit.resetAt", equalTo("2026-08-01T12:35:00Z"))
                .body("health.mentionsLastHour", equalTo(2))
                .body("credentialSet", equalTo(true))
                .body(org.hamcrest.Matchers.not(containsString("secret-token-123")));
    }

    @Test
    void aBoostIsPublishedLinkedToItsOriginalWhichIsPublishedOnceHoweverOftenBoosted()
            throws Exception {
        var s = setup(null);
        var original = SourceFixtures.status("1001", uri(s, 1001), s.tag(), "Seen within the hour");
        var page =
                JSON.writeValueAsString(
                        List.of(
                                SourceFixtures.boost("1003", original),
                                SourceFixtures.boost("1002", original)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", absent())
                        .willReturn(ok(s, page, 1003, 1002, 299)));

        poller.pollNow(s.connector());

        var boostUri = "https://mastodon.example/users/bob/statuses/1003/activity";
        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> s.brand().equals(r.key()),
                        r -> s.brand().equals(r.key()) && r.value().contains(boostUri));
        var events = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        for (var r : records) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events)
                .extracting(e -> e.get("externalId").asText())
                .containsExactly(
                        uri(s, 1001),
                        "https://mastodon.example/users/bob/statuses/1002/activity",
                        boostUri);
        var originalId = MentionIds.of("mastodon", uri(s, 1001)).toString();
        assertThat(events.get(0).get("mentionId").asText()).isEqualTo(originalId);
        assertThat(events.get(0).get("repostOf").isNull()).isTrue();
        assertThat(events.subList(1, 3))
                .allSatisfy(
                        e -> {
                            assertThat(e.get("repostOf").asText()).isEqualTo(originalId);
                            assertThat(e.get("text").asText()).startsWith("Seen within the hour");
                            assertThat(e.get("language").asText()).isEqualTo("en");
                        });
    }

    @Test
    void anEmptyTimelineIsASuccess() {
        var s = setup(null);
        wiremock.stubFor(get(urlPathEqualTo(s.path())).willReturn(ok(s, "[]", 0, 0, 298)));

        poller.pollNow(s.connector());

        wiremock.verify(
                getRequestedFor(urlPathEqualTo(s.path())).withHeader("Authorization", absent()));
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.mentionsLastHour", equalTo(0));
    }

    @Test
    void tooManyRequestsWaitsForTheRateLimitReset() {
        var s = setup(null);
        var reset = Instant.now().plusSeconds(300).toString();
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("X-RateLimit-Limit", "300")
                                        .withHeader("X-RateLimit-Remaining", "0")
                                        .withHeader("X-RateLimit-Reset", reset)
                                        .withBody("{\"error\":\"Too many requests\"}")));

        poller.pollNow(s.connector());

        var next =
                Instant.parse(
                        health(s.connector())
                                .body("health.status", equalTo("RATE_LIMITED"))
                                .body(
                                        "health.lastError",
                                        equalTo("RATE_LIMITED 429: the source is rate limiting us"))
                                .body("health.rateLimit.remaining", equalTo(0))
                                .extract()
                                .path("health.nextPollAt"));
        assertThat(next).isAfterOrEqualTo(Instant.parse(reset));
    }

    @Test
    void unauthorizedJsonAndForbiddenHtmlAreErrors() {
        var s = setup("stale-token");
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody("{\"error\":\"The access token is invalid\"}")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 401: the source refused the request"));

        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(
                                                "<html><body><h1>403 Forbidden</h1></body></html>")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.consecutiveFailures", equalTo(2))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 403: the source refused the request"));
    }

    @Test
    void malformedJsonIsAnError() {
        var s = setup(null);
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody("[{\"id\":\"1\",\"uri\":")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body("health.lastError", equalTo("MALFORMED 200: the answer could not be read"));
    }

    @Test
    void aRestartInTheMiddleOfAPollResumesWithNoDuplicateAndNoGap() throws Exception {
        var s = setup(null);
        // First poll: the newest page sets the cursor to 100.
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", absent())
                        .willReturn(ok(s, page(s, 100, 100), 100, 100, 299)));
        poller.pollNow(s.connector());
        // Second poll: a full page 101..140, then the connection breaks while fetching the next.
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", WireMock.equalTo("100"))
                        .willReturn(ok(s, page(s, 101, 140), 140, 101, 298)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", WireMock.equalTo("140"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        poller.pollNow(s.connector());
        health(s.connector()).body("health.status", equalTo("FAILING"));

        // The restart: nothing in memory survives; the source now has 141..145 after 140.
        poller.forget(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", WireMock.equalTo("140"))
                        .willReturn(ok(s, page(s, 141, 145), 145, 141, 297)));
        poller.pollNow(s.connector());

        wiremock.verify(
                1,
                getRequestedFor(urlPathEqualTo(s.path()))
                        .withQueryParam("min_id", WireMock.equalTo("100")));
        var expected = new ArrayList<String>();
        for (long id = 100; id <= 145; id++) {
            expected.add(uri(s, id));
        }
        assertThat(published(s.brand(), uri(s, 145))).containsExactlyElementsOf(expected);
        health(s.connector()).body("health.status", equalTo("OK"));
    }
}
