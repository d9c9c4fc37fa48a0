package org.caresignal.ingest.source.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Bluesky searchPosts connector against WireMock serving the documented session and PostView
 * shapes: createSession with the app password, refreshSession on ExpiredToken, sort=latest with
 * since plus cursor paging, RateLimit-* headers, 429, 401 JSON and 403 HTML, malformed JSON, and a
 * restart in the middle of a walk that resumes with no duplicate and no gap.
 */
@QuarkusTest
class BlueskyConnectorTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "abcd-efgh-ijkl-mnop";
    private static final String CREDENTIAL = "carebot.bsky.social:" + PASSWORD;
    private static final Instant T0 = Instant.parse("2026-08-01T12:00:00Z");
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

    private record Setup(String brand, String tag, String connector, String base, String run) {
        String search() {
            return base + "/xrpc/app.bsky.feed.searchPosts";
        }

        String create() {
            return base + "/xrpc/com.atproto.server.createSession";
        }

        String refresh() {
            return base + "/xrpc/com.atproto.server.refreshSession";
        }

        String uri(long n) {
            return "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/" + run + n;
        }
    }

    private static String at(long n) {
        return T0.plusSeconds(n).toString();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    private static String session(String access, String refresh) {
        return "{\"accessJwt\":\""
                + access
                + "\",\"refreshJwt\":\""
                + refresh
                + "\",\"handle\":\"carebot.bsky.social\",\"did\":\"did:plc:carebot\","
                + "\"active\":true}";
    }

    private Setup setup() {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("bsky-");
        var base = "/" + SourceFixtures.unique("b");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                connector, "bluesky", brand, wiremock.baseUrl() + base, "#" + tag, CREDENTIAL);
        wiremock.stubFor(
                post(urlPathEqualTo(base + "/xrpc/com.atproto.server.createSession"))
                        .willReturn(json(200, session("access-1", "refresh-1"))));
        return new Setup(brand, tag, connector, base, SourceFixtures.unique("3l"));
    }

    /** Posts {@code from..to} (indexed at T0 + n s), newest first, with the next cursor. */
    private static String page(Setup s, long from, long to, String cursor) throws Exception {
        var posts = new ArrayList<Map<String, Object>>();
        for (long n = to; n >= from; n--) {
            posts.add(SourceFixtures.blueskyPost(s.run() + n, s.tag(), at(n)));
        }
        var body = new LinkedHashMap<String, Object>();
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        body.put("hitsTotal", posts.size());
        body.put("posts", posts);
        return JSON.writeValueAsString(body);
    }

    private static ResponseDefinitionBuilder ok(String body, int remaining) {
        return json(200, body)
                .withHeader("RateLimit-Limit", "3000")
                .withHeader("RateLimit-Remaining", String.valueOf(remaining))
                .withHeader("RateLimit-Reset", "1785590400")
                .withHeader("RateLimit-Policy", "3000;w=300");
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
                        r -> brand.equals(r.key()) && r.value().contains("\"" + untilUri + "\""))) {
            out.add(JSON.readTree(r.value()).get("externalId").asText());
        }
        return out;
    }

    private static List<String> uris(Setup s, long from, long to) {
        var out = new ArrayList<String>();
        for (long n = from; n <= to; n++) {
            out.add(s.uri(n));
        }
        return out;
    }

    @Test
    void postsArePublishedThroughAnAppPasswordSession() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", absent())
                        .willReturn(ok(page(s, 1, 2, "25"), 2999)));

        poller.pollNow(s.connector());

        wiremock.verify(
                postRequestedFor(urlPathEqualTo(s.create()))
                        .withRequestBody(
                                equalToJson(
                                        "{\"identifier\":\"carebot.bsky.social\",\"password\":\""
                                                + PASSWORD
                                                + "\"}")));
        wiremock.verify(
                getRequestedFor(urlPathEqualTo(s.search()))
                        .withHeader("Authorization", WireMock.equalTo("Bearer access-1"))
                        .withQueryParam("q", WireMock.equalTo("#" + s.tag()))
                        .withQueryParam("sort", WireMock.equalTo("latest"))
                        .withQueryParam("cursor", absent()));
        assertThat(published(s.brand(), s.uri(2))).containsExactly(s.uri(1), s.uri(2));
        var first =
                JSON.readTree(
                        KafkaTestClient.readUntil(
                                        "mentions.ingested.v1",
                                        r -> s.brand().equals(r.key()),
                                        r -> s.brand().equals(r.key()))
                                .get(0)
                                .value());
        assertThat(first.get("source").asText()).isEqualTo("bluesky");
        assertThat(first.get("url").asText())
                .isEqualTo("https://bsky.app/profile/alice.bsky.social/post/" + s.run() + 1);
        assertThat(first.get("text").asText()).isEqualTo("Thank you to the nurses at #" + s.tag());
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.rateLimit.limit", equalTo(3000))
                .body("health.rateLimit.remaining", equalTo(2999))
                .body("health.rateLimit.resetAt", equalTo("2026-08-01T13:20:00Z"))
                .body("credentialSet", equalTo(true))
                .body(not(containsString(PASSWORD)))
                .body(not(containsString("access-1")));
    }

    @Test
    void anExpiredAccessTokenIsRefreshed() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withHeader("Authorization", WireMock.equalTo("Bearer access-1"))
                        .willReturn(
                                json(
                                        400,
                                        "{\"error\":\"ExpiredToken\",\"message\":\"Token has"
                                                + " expired\"}")));
        wiremock.stubFor(
                post(urlPathEqualTo(s.refresh()))
                        .withHeader("Authorization", WireMock.equalTo("Bearer refresh-1"))
                        .willReturn(json(200, session("access-2", "refresh-2"))));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withHeader("Authorization", WireMock.equalTo("Bearer access-2"))
                        .willReturn(ok(page(s, 1, 1, null), 2998)));

        poller.pollNow(s.connector());

        assertThat(published(s.brand(), s.uri(1))).containsExactly(s.uri(1));
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(s.create())));
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(s.refresh())));
        health(s.connector()).body("health.status", equalTo("OK"));
    }

    @Test
    void aPollFollowsTheCursorSinceTheNewestPostOfTheLastPoll() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", absent())
                        .willReturn(ok(page(s, 10, 10, "c1"), 2999)));
        poller.pollNow(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", WireMock.equalTo(at(10)))
                        .withQueryParam("cursor", absent())
                        .willReturn(ok(page(s, 14, 16, "c2"), 2998)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", WireMock.equalTo(at(10)))
                        .withQueryParam("cursor", WireMock.equalTo("c2"))
                        .willReturn(ok(page(s, 10, 13, null), 2997)));
        poller.pollNow(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", WireMock.equalTo(at(16)))
                        .willReturn(ok(page(s, 16, 17, null), 2996)));
        poller.pollNow(s.connector());

        var got = published(s.brand(), s.uri(17));
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).containsExactlyInAnyOrderElementsOf(uris(s, 10, 17));
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(s.create())));
    }

    @Test
    void anEmptyPageIsASuccess() {
        var s = setup();
        wiremock.stubFor(get(urlPathEqualTo(s.search())).willReturn(ok("{\"posts\":[]}", 2995)));

        poller.pollNow(s.connector());

        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.mentionsLastHour", equalTo(0))
                .body("health.rateLimit.remaining", equalTo(2995));
    }

    @Test
    void tooManyRequestsWaitsForTheRateLimitReset() {
        var s = setup();
        var reset = Instant.now().plusSeconds(240).getEpochSecond();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                json(
                                                429,
                                                "{\"error\":\"RateLimitExceeded\",\"message\":"
                                                        + "\"Rate Limit Exceeded\"}")
                                        .withHeader("RateLimit-Limit", "3000")
                                        .withHeader("RateLimit-Remaining", "0")
                                        .withHeader("RateLimit-Reset", String.valueOf(reset))
                                        .withHeader("RateLimit-Policy", "3000;w=300")));

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
        assertThat(next).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
    }

    @Test
    void unauthorizedJsonAndForbiddenHtmlAreErrors() {
        var s = setup();
        wiremock.stubFor(
                post(urlPathEqualTo(s.refresh()))
                        .willReturn(json(200, session("access-1", "refresh-1"))));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                json(
                                        401,
                                        "{\"error\":\"AuthenticationRequired\",\"message\":"
                                                + "\"Authentication Required\"}")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 401: the source refused the request"));

        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(
                                                "<html><body>Request forbidden by administrative"
                                                        + " rules.</body></html>")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.consecutiveFailures", equalTo(2))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 403: the source refused the request"));

        // A wrong app password: createSession refuses it.
        poller.forget(s.connector());
        wiremock.stubFor(
                post(urlPathEqualTo(s.create()))
                        .willReturn(
                                json(
                                        401,
                                        "{\"error\":\"AuthenticationRequired\",\"message\":"
                                                + "\"Invalid identifier or password\"}")));
        wiremock.stubFor(
                post(urlPathEqualTo(s.refresh()))
                        .willReturn(json(400, "{\"error\":\"ExpiredToken\"}")));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(json(400, "{\"error\":\"ExpiredToken\"}")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 401: the source refused the request"))
                .body(not(containsString(PASSWORD)));
    }

    @Test
    void malformedJsonIsAnError() {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search())).willReturn(ok("{\"posts\":[{\"uri\":", 2999)));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body("health.lastError", equalTo("MALFORMED 200: the answer could not be read"));
    }

    @Test
    void aRestartInTheMiddleOfAWalkResumesWithNoDuplicateAndNoGap() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", absent())
                        .willReturn(ok(page(s, 100, 100, "c0"), 2999)));
        poller.pollNow(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", WireMock.equalTo(at(100)))
                        .withQueryParam("cursor", absent())
                        .willReturn(ok(page(s, 121, 140, "p2"), 2998)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("cursor", WireMock.equalTo("p2"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        poller.pollNow(s.connector());
        health(s.connector()).body("health.status", equalTo("FAILING"));

        // The restart: nothing in memory survives; meanwhile 141..145 were posted.
        poller.forget(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", WireMock.equalTo(at(100)))
                        .withQueryParam("cursor", WireMock.equalTo("p2"))
                        .willReturn(ok(page(s, 100, 120, null), 2997)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since", WireMock.equalTo(at(140)))
                        .willReturn(ok(page(s, 140, 145, null), 2996)));
        poller.pollNow(s.connector());

        var got = published(s.brand(), s.uri(145));
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).containsExactlyInAnyOrderElementsOf(uris(s, 100, 145));
        health(s.connector()).body("health.status", equalTo("OK"));
    }
}
