package org.caresignal.ingest.source.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
 * The X API v2 recent-search connector against WireMock serving the documented page shape: Bearer
 * token, since_id plus next_token paging, authors from includes, x-rate-limit-* headers (reset in
 * epoch seconds), 429, 401 problem JSON and 403 HTML, malformed JSON, and a restart in the middle
 * of a walk that resumes with no duplicate and no gap.
 */
@QuarkusTest
class XConnectorTest extends TestStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAA-bearer-secret-55";
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

    private record Setup(String brand, String tag, String connector, String base, long firstId) {
        String search() {
            return base + "/2/tweets/search/recent";
        }

        String id(long n) {
            return String.valueOf(firstId + n);
        }
    }

    private Setup setup() {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("x-");
        var base = "/" + SourceFixtures.unique("x");
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                connector,
                "x",
                brand,
                wiremock.baseUrl() + base,
                "#" + tag + " -is:retweet",
                TOKEN);
        long first = 1_951_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1, 1L << 50);
        return new Setup(brand, tag, connector, base, first);
    }

    private static String page(Setup s, long from, long to, String next) throws Exception {
        var posts = new ArrayList<Map<String, Object>>();
        for (long n = to; n >= from; n--) {
            posts.add(SourceFixtures.xPost(s.id(n), s.tag(), "Huge thanks to the team"));
        }
        return JSON.writeValueAsString(SourceFixtures.xPage(posts, next));
    }

    private static ResponseDefinitionBuilder ok(String body, int remaining) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-rate-limit-limit", "450")
                .withHeader("x-rate-limit-remaining", String.valueOf(remaining))
                .withHeader("x-rate-limit-reset", "1785588300")
                .withBody(body);
    }

    private ValidatableResponse health(String connector) {
        return Api.asViewer().get("/api/sources/" + connector).then().statusCode(200);
    }

    private static List<String> published(String brand, String untilId) throws Exception {
        var out = new ArrayList<String>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r ->
                                brand.equals(r.key())
                                        && r.value()
                                                .contains("\"externalId\":\"" + untilId + "\""))) {
            out.add(JSON.readTree(r.value()).get("externalId").asText());
        }
        return out;
    }

    private static List<String> ids(Setup s, long from, long to) {
        var out = new ArrayList<String>();
        for (long n = from; n <= to; n++) {
            out.add(s.id(n));
        }
        return out;
    }

    @Test
    void postsArePublishedWithTheBearerTokenAndTheRateLimitShown() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", absent())
                        .willReturn(
                                ok(page(s, 1, 2, "b26v89c19zqg8o3fo7gesq314yb9l2l4ptqy"), 449)));

        poller.pollNow(s.connector());

        wiremock.verify(
                getRequestedFor(urlPathEqualTo(s.search()))
                        .withHeader("Authorization", WireMock.equalTo("Bearer " + TOKEN))
                        .withQueryParam("query", WireMock.equalTo("#" + s.tag() + " -is:retweet"))
                        .withQueryParam("max_results", WireMock.equalTo("100"))
                        .withQueryParam("expansions", WireMock.containing("author_id"))
                        .withQueryParam("next_token", absent()));
        var records = published(s.brand(), s.id(2));
        assertThat(records).containsExactly(s.id(1), s.id(2));
        var first =
                JSON.readTree(
                        KafkaTestClient.readUntil(
                                        "mentions.ingested.v1",
                                        r -> s.brand().equals(r.key()),
                                        r -> s.brand().equals(r.key()))
                                .get(0)
                                .value());
        assertThat(first.get("source").asText()).isEqualTo("x");
        assertThat(first.get("url").asText())
                .isEqualTo("https://x.com/alice_example/status/" + s.id(1));
        assertThat(first.get("text").asText())
                .isEqualTo("Huge thanks to the team at #" + s.tag() + " & thanks");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2026-08-01T12:30:15Z");
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.rateLimit.limit", equalTo(450))
                .body("health.rateLimit.remaining", equalTo(449))
                .body("health.rateLimit.resetAt", equalTo("2026-08-01T12:45:00Z"))
                .body("health.mentionsLastHour", equalTo(2))
                .body("credentialSet", equalTo(true))
                .body(not(containsString(TOKEN)));
    }

    @Test
    void aPollFollowsNextTokenWithTheSameSinceIdThenMovesSinceIdToTheNewest() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", absent())
                        .willReturn(ok(page(s, 10, 10, "older"), 449)));
        poller.pollNow(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(10)))
                        .withQueryParam("next_token", absent())
                        .willReturn(ok(page(s, 14, 16, "tok2"), 448)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(10)))
                        .withQueryParam("next_token", WireMock.equalTo("tok2"))
                        .willReturn(ok(page(s, 11, 13, null), 447)));
        poller.pollNow(s.connector());
        // The next poll asks only for what is newer than 16.
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(16)))
                        .willReturn(ok(page(s, 17, 17, null), 446)));
        poller.pollNow(s.connector());

        var got = published(s.brand(), s.id(17));
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).containsExactlyInAnyOrderElementsOf(ids(s, 10, 17));
        wiremock.verify(
                1,
                getRequestedFor(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(16))));
    }

    @Test
    void aRetweetAndAQuoteArePublishedLinkedToTheirOriginalsWhichArePublishedToo()
            throws Exception {
        var s = setup();
        var original = SourceFixtures.xPost(s.id(1), s.tag(), "Six hours in A&E");
        var quoted = SourceFixtures.xPost(s.id(2), s.tag(), "Parking is full again");
        var retweet = SourceFixtures.xReference(s.id(10), "retweeted", original);
        var quote = SourceFixtures.xReference(s.id(11), "quoted", quoted);
        quote.put("text", "Every single week at #" + s.tag() + " https://t.co/q1");
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", absent())
                        .withQueryParam(
                                "expansions", WireMock.containing("referenced_tweets.id.author_id"))
                        .willReturn(
                                ok(
                                        JSON.writeValueAsString(
                                                SourceFixtures.xPageWithReferences(
                                                        List.of(quote, retweet),
                                                        List.of(original, quoted))),
                                        440)));

        poller.pollNow(s.connector());

        var events = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        for (var r :
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> s.brand().equals(r.key()),
                        r -> r.value().contains("\"externalId\":\"" + s.id(11) + "\""))) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events)
                .extracting(e -> e.get("externalId").asText())
                .containsExactlyInAnyOrder(s.id(1), s.id(10), s.id(2), s.id(11));
        var byId = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        events.forEach(e -> byId.put(e.get("externalId").asText(), e));
        assertThat(byId.get(s.id(10)).get("repostOf").asText())
                .isEqualTo(MentionIds.of("x", s.id(1)).toString());
        assertThat(byId.get(s.id(10)).get("text").asText())
                .as("the retweet carries the original's full text, not RT @…")
                .isEqualTo(original.get("text"));
        assertThat(byId.get(s.id(11)).get("repostOf").asText())
                .isEqualTo(MentionIds.of("x", s.id(2)).toString());
        assertThat(byId.get(s.id(1)).get("repostOf").isNull()).isTrue();
        assertThat(byId.get(s.id(2)).get("repostOf").isNull()).isTrue();
    }

    @Test
    void anEmptyPageIsASuccessAndKeepsSinceId() throws Exception {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", absent())
                        .willReturn(ok(page(s, 5, 5, null), 449)));
        poller.pollNow(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(5)))
                        .willReturn(ok("{\"meta\":{\"result_count\":0}}", 448)));
        poller.pollNow(s.connector());
        poller.pollNow(s.connector());

        wiremock.verify(
                2,
                getRequestedFor(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(5))));
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.rateLimit.remaining", equalTo(448));
    }

    @Test
    void tooManyRequestsWaitsForTheEpochReset() {
        var s = setup();
        var reset = Instant.now().plusSeconds(600).getEpochSecond();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                aResponse()
                                        .withStatus(429)
                                        .withHeader("Content-Type", "application/json")
                                        .withHeader("x-rate-limit-limit", "450")
                                        .withHeader("x-rate-limit-remaining", "0")
                                        .withHeader("x-rate-limit-reset", String.valueOf(reset))
                                        .withBody(
                                                "{\"title\":\"Too Many Requests\",\"detail\":\"Too"
                                                        + " Many Requests\",\"type\":\"about:blank\","
                                                        + "\"status\":429}")));

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
    void unauthorizedProblemAndForbiddenHtmlAreErrors() {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/problem+json")
                                        .withBody(
                                                "{\"title\":\"Unauthorized\",\"type\":\"about:blank\","
                                                        + "\"status\":401,\"detail\":\"Unauthorized\"}")));
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
                                        .withBody("<html><body>Forbidden</body></html>")));
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.consecutiveFailures", equalTo(2))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 403: the source refused the request"))
                .body(not(containsString(TOKEN)));
    }

    @Test
    void malformedJsonIsAnError() {
        var s = setup();
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .willReturn(ok("{\"data\":[{\"id\":\"1\",\"text\":", 449)));
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
                        .withQueryParam("since_id", absent())
                        .willReturn(ok(page(s, 100, 100, "older"), 449)));
        poller.pollNow(s.connector());
        // 121..140 on the first page, then the connection breaks on the next_token page.
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(100)))
                        .withQueryParam("next_token", absent())
                        .willReturn(ok(page(s, 121, 140, "p2"), 448)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("next_token", WireMock.equalTo("p2"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        poller.pollNow(s.connector());
        health(s.connector()).body("health.status", equalTo("FAILING"));

        // The restart: nothing in memory survives; meanwhile 141..145 were posted.
        poller.forget(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(100)))
                        .withQueryParam("next_token", WireMock.equalTo("p2"))
                        .willReturn(ok(page(s, 101, 120, null), 447)));
        wiremock.stubFor(
                get(urlPathEqualTo(s.search()))
                        .withQueryParam("since_id", WireMock.equalTo(s.id(140)))
                        .willReturn(ok(page(s, 141, 145, null), 446)));
        poller.pollNow(s.connector());

        var got = published(s.brand(), s.id(145));
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).containsExactlyInAnyOrderElementsOf(ids(s, 100, 145));
        health(s.connector()).body("health.status", equalTo("OK"));
    }
}
