package org.caresignal.ingest.source.reddit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
 * The Reddit OAuth search connector against WireMock serving the documented token answer and
 * Listing shape: client-credentials token, sort=new, raw_json=1, the Reddit User-Agent, after
 * paging back to the previous poll's newest post, X-Ratelimit-* headers, 429, 401 JSON and 403
 * HTML, malformed JSON, and a restart in the middle of a walk that resumes with no duplicate and no
 * gap.
 */
@QuarkusTest
class RedditConnectorTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIAL = "client-abc:secret-xyz-987";
    private static final String TOKEN_PATH = "/api/v1/access_token";
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

    /** Each setup uses its own base path (its own "server") and its own range of post ids. */
    private record Setup(String brand, String tag, String connector, String base, long firstId) {
        String search() {
            return base + "/search";
        }

        String token() {
            return base + TOKEN_PATH;
        }

        /** The base-36 id of the n-th post of this setup (ordered like Reddit's ids). */
        String id(long n) {
            return Long.toString(firstId + n, 36);
        }
    }

    private Setup setup() {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("reddit-");
        var base = "/" + SourceFixtures.unique("r");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                connector, "reddit", brand, wiremock.baseUrl() + base, "#" + tag, CREDENTIAL);
        wiremock.stubFor(
                post(urlPathEqualTo(base + TOKEN_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"access_token\":\"tok-"
                                                        + connector
                                                        + "\",\"token_type\":\"bearer\","
                                                        + "\"expires_in\":86400,\"scope\":\"*\"}")));
        // Ids well above 36^6 so all have 7 base-36 digits; random per setup, so unique.
        long first = 2_200_000_000L + ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        return new Setup(brand, tag, connector, base, first);
    }

    /** Posts {@code from..to} of the setup, newest first, with {@code after}. */
    private static String listing(Setup s, long from, long to, String after) throws Exception {
        var children = new ArrayList<Map<String, Object>>();
        for (long n = to; n >= from; n--) {
            children.add(SourceFixtures.redditPost(s.id(n), s.tag(), "Seen within an hour"));
        }
        return JSON.writeValueAsString(SourceFixtures.redditListing(children, after));
    }

    private static ResponseDefinitionBuilder ok(String body, String remaining) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("X-Ratelimit-Used", "4")
                .withHeader("X-Ratelimit-Remaining", remaining)
                .withHeader("X-Ratelimit-Reset", "312")
                .withBody(body);
    }

    private ValidatableResponse health(String connector) {
        return Api.asViewer().get("/api/sources/" + connector).then().statusCode(200);
    }

    private static List<String> published(String brand, String untilName) throws Exception {
        var out = new ArrayList<String>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r ->
                                brand.equals(r.key())
                                        && r.value().contains("\"" + untilName + "\""))) {
            out.add(JSON.readTree(r.value()).get("externalId").asText());
        }
        return out;
    }

    private List<String> names(Setup s, long from, long to) {
        var out = new ArrayList<String>();
        for (long n = from; n <= to; n++) {
            out.add("t3_" + s.id(n));
        }
        return out;
    }

    @Test
    void postsArePublishedWithTheAppTokenAndTheRedditRequestRules() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 1, 2, "t3_" + s.id(1)), "996.0")));
        var before = Instant.now();

        poller.pollNow(s.connector());

        wiremock.verify(
                postRequestedFor(urlPathEqualTo(s.token()))
                        .withHeader(
                                "Authorization",
                                WireMock.equalTo(
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(CREDENTIAL.getBytes())))
                        .withHeader(
                                "Content-Type",
                                WireMock.containing("application/x-www-form-urlencoded"))
                        .withRequestBody(WireMock.equalTo("grant_type=client_credentials")));
        wiremock.verify(
                getRequestedFor(urlPathEqualTo(s.search()))
                        .withHeader(
                                "Authorization", WireMock.equalTo("bearer tok-" + s.connector()))
                        .withHeader(
                                "User-Agent",
                                WireMock.matching("server:[^:]+:v[^ ]+ \\(by /u/[^)]+\\)"))
                        .withQueryParam("q", WireMock.equalTo("#" + s.tag()))
                        .withQueryParam("sort", WireMock.equalTo("new"))
                        .withQueryParam("raw_json", WireMock.equalTo("1"))
                        .withQueryParam("limit", WireMock.equalTo("100")));
        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> s.brand().equals(r.key()),
                        r -> s.brand().equals(r.key()) && r.value().contains("t3_" + s.id(2)));
        assertThat(records).hasSize(2);
        var first = JSON.readTree(records.get(0).value());
        assertThat(first.get("source").asText()).isEqualTo("reddit");
        assertThat(first.get("externalId").asText()).isEqualTo("t3_" + s.id(1));
        assertThat(first.get("url").asText())
                .isEqualTo(
                        "https://www.reddit.com/r/london/comments/" + s.id(1) + "/shoutout_to_ae/");
        assertThat(first.get("text").asText())
                .isEqualTo(
                        "Shout-out to A&E at #"
                                + s.tag()
                                + "\n\nSeen within an hour & the staff were <great>.");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2026-08-01T12:30:15Z");
        var resetAt =
                Instant.parse(
                        health(s.connector())
                                .body("health.status", equalTo("OK"))
                                .body("health.rateLimit.limit", equalTo(1000))
                                .body("health.rateLimit.remaining", equalTo(996))
                                .body("health.mentionsLastHour", equalTo(2))
                                .body("credentialSet", equalTo(true))
                                .body(not(containsString("secret-xyz-987")))
                                .body(not(containsString("tok-" + s.connector())))
                                .extract()
                                .path("health.rateLimit.resetAt"));
        assertThat(resetAt).isBetween(before.plusSeconds(311), Instant.now().plusSeconds(313));

        // The next poll reuses the token.
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 1, 2, null), "995.0")));
        poller.pollNow(s.connector());
        wiremock.verify(1, postRequestedFor(urlPathEqualTo(s.token())));
        wiremock.verify(2, getRequestedFor(urlPathEqualTo(s.search())));
    }

    @Test
    void aPollWalksBackThroughAfterPagesToThePreviousNewestPost() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 10, 10, "t3_" + s.id(10)), "999")));
        poller.pollNow(s.connector());
        // 11..16 are new: two pages, the second reaching the post of the first poll.
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 14, 16, "t3_" + s.id(14)), "998")));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", WireMock.equalTo("t3_" + s.id(14)))
                        .willReturn(ok(listing(s, 9, 13, "t3_" + s.id(9)), "997")));
        poller.pollNow(s.connector());

        wiremock.verify(
                1,
                getRequestedFor(urlPathEqualTo(s.search()))
                        .withQueryParam("after", WireMock.equalTo("t3_" + s.id(14))));
        // Having reached the previous newest post, the poll stops (no third request).
        wiremock.verify(
                2, getRequestedFor(urlPathEqualTo(s.search())).withQueryParam("after", absent()));
        var got = published(s.brand(), "t3_" + s.id(13));
        assertThat(got).containsExactlyInAnyOrderElementsOf(names(s, 10, 16));
        assertThat(got).doesNotHaveDuplicates();
        health(s.connector()).body("health.status", equalTo("OK"));
    }

    @Test
    void aCrosspostIsPublishedLinkedToItsParentWhichIsPublishedOnce() throws Exception {
        var s = setup();
        var parent = SourceFixtures.redditPost(s.id(1), s.tag(), "Waited four hours");
        var children =
                List.<Map<String, Object>>of(
                        SourceFixtures.redditCrosspost(s.id(3), parent),
                        SourceFixtures.redditCrosspost(s.id(2), parent));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(
                                ok(
                                        JSON.writeValueAsString(
                                                SourceFixtures.redditListing(children, null)),
                                        "990.0")));

        poller.pollNow(s.connector());

        var events = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> s.brand().equals(r.key()),
                        r -> r.value().contains("\"t3_" + s.id(3) + "\""))) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events)
                .extracting(e -> e.get("externalId").asText())
                .containsExactly("t3_" + s.id(1), "t3_" + s.id(2), "t3_" + s.id(3));
        var parentId = MentionIds.of("reddit", "t3_" + s.id(1)).toString();
        assertThat(events.get(0).get("repostOf").isNull()).isTrue();
        assertThat(events.get(0).get("text").asText()).contains("Waited four hours");
        assertThat(events.subList(1, 3))
                .allSatisfy(e -> assertThat(e.get("repostOf").asText()).isEqualTo(parentId));
    }

    @Test
    void anEmptyListingIsASuccess() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                ok(
                                        JSON.writeValueAsString(
                                                SourceFixtures.redditListing(List.of(), null)),
                                        "990.0")));

        poller.pollNow(s.connector());

        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.mentionsLastHour", equalTo(0))
                .body("health.rateLimit.remaining", equalTo(990));
    }

    @Test
    void tooManyRequestsWaitsForTheRatelimitReset() {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("X-Ratelimit-Used", "1000")
                                        .withHeader("X-Ratelimit-Remaining", "0.0")
                                        .withHeader("X-Ratelimit-Reset", "480")
                                        .withBody(
                                                "{\"message\": \"Too Many Requests\", \"error\": 429}")));
        var before = Instant.now();

        poller.pollNow(s.connector());

        var next =
                Instant.parse(
                        health(s.connector())
                                .body("health.status", equalTo("RATE_LIMITED"))
                                .body(
                                        "health.lastError",
                                        equalTo("RATE_LIMITED 429: the source is rate limiting us"))
                                .body("health.rateLimit.remaining", equalTo(0))
                                .body("health.rateLimit.limit", equalTo(1000))
                                .extract()
                                .path("health.nextPollAt"));
        assertThat(next).isAfterOrEqualTo(before.plusSeconds(480));
    }

    @Test
    void unauthorizedJsonDropsTheTokenAndForbiddenHtmlIsAnError() {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\": \"Unauthorized\", \"error\": 401}")));
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
                                        .withHeader("Content-Type", "text/html; charset=utf-8")
                                        .withBody(
                                                "<html><body>You've been blocked by network"
                                                        + " security.</body></html>")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.consecutiveFailures", equalTo(2))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 403: the source refused the request"));
        // The refused token was not reused: a new one was asked for.
        wiremock.verify(2, postRequestedFor(urlPathEqualTo(s.token())));

        // A refused credential at the token endpoint is an error that names the token request.
        wiremock.stubFor(
                post(urlPathEqualTo(s.token()))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\": \"Unauthorized\", \"error\": 401}")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.consecutiveFailures", equalTo(3))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 401: the source refused the request"))
                .body(not(containsString("secret-xyz-987")));
    }

    @Test
    void malformedJsonIsAnError() {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                ok("{\"kind\": \"Listing\", \"data\": {\"children\": [", "999")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body("health.lastError", equalTo("MALFORMED 200: the answer could not be read"));
    }

    @Test
    void aRestartInTheMiddleOfAWalkResumesWithNoDuplicateAndNoGap() throws Exception {
        var s = setup();
        // First poll: the newest page sets the mark to post 100.
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 100, 100, "t3_" + s.id(100)), "999")));
        poller.pollNow(s.connector());
        // Second poll: 121..140 on the first page, then the connection breaks on the next.
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 121, 140, "t3_" + s.id(121)), "998")));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", WireMock.equalTo("t3_" + s.id(121)))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        poller.pollNow(s.connector());
        health(s.connector()).body("health.status", equalTo("FAILING"));

        // The restart: nothing in memory survives; meanwhile 141..145 were posted.
        poller.forget(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", WireMock.equalTo("t3_" + s.id(121)))
                        .willReturn(ok(listing(s, 95, 120, "t3_" + s.id(95)), "997")));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("after", absent())
                        .willReturn(ok(listing(s, 130, 145, "t3_" + s.id(130)), "996")));
        poller.pollNow(s.connector());

        var got = published(s.brand(), "t3_" + s.id(145));
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).containsExactlyInAnyOrderElementsOf(names(s, 100, 145));
        health(s.connector()).body("health.status", equalTo("OK"));
        // The resumed poll went on from the committed page first, then looked for newer posts.
        var lastTwo =
                wiremock.getAllServeEvents().stream()
                        .map(e -> e.getRequest().getUrl())
                        .filter(u -> u.startsWith(s.search()))
                        .limit(2)
                        .toList();
        assertThat(lastTwo.get(1)).contains("after=t3_" + s.id(121));
        assertThat(lastTwo.get(0)).doesNotContain("after=");
    }
}
