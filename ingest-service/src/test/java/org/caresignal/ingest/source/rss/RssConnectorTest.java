package org.caresignal.ingest.source.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.SourceFixtures.NewsItem;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RSS/Atom connector against WireMock serving a Google News search feed: success, empty feed,
 * 304 on the stored ETag, 429 with Retry-After, 403 with an HTML page, malformed XML, and a restart
 * that resumes from the stored cursor with no duplicate and no gap.
 */
@QuarkusTest
class RssConnectorTest extends TestStack {

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

    private record Setup(String brand, String tag, String connector, String path) {}

    private Setup setup() {
        var tag = SourceFixtures.unique("StMarys");
        var brand = SourceFixtures.unique("stmarys-");
        var connector = SourceFixtures.unique("news-");
        var path = "/rss/search/" + connector;
        SourceFixtures.brandWatching(brand, tag);
        SourceFixtures.connector(
                connector,
                "rss",
                brand,
                wiremock.baseUrl() + path + "?q=%23" + tag + "&hl=en-US&gl=US&ceid=US:en",
                null,
                null);
        return new Setup(brand, tag, connector, path);
    }

    private static void serve(
            String path, int status, String contentType, String body, String... headers) {
        var response = aResponse().withStatus(status);
        if (contentType != null) {
            response.withHeader("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        if (body != null) {
            response.withBody(body);
        }
        wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    private static String feed(String tag, String... guids) {
        return SourceFixtures.googleNewsFeed(
                java.util.Arrays.stream(guids)
                        .map(
                                g ->
                                        new NewsItem(
                                                g,
                                                "New cardiac unit opens #" + tag + " (" + g + ")",
                                                "Sat, 01 Aug 2026 09:15:00 GMT"))
                        .toList());
    }

    private ValidatableResponse health(String connector) {
        return Api.asViewer().get("/api/sources/" + connector).then().statusCode(200);
    }

    private static List<String> publishedGuids(String brand, String untilGuid) throws Exception {
        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && r.value().contains(untilGuid));
        var out = new java.util.ArrayList<String>();
        for (var r : records) {
            out.add(JSON.readTree(r.value()).get("externalId").asText());
        }
        return out;
    }

    @Test
    void aFeedsItemsArePublishedOnceEachAsPlainTextWithTheirGuid() throws Exception {
        var s = setup();
        var a = SourceFixtures.unique("CBMi");
        var b = SourceFixtures.unique("CBMi");
        serve(
                s.path(),
                200,
                "application/xml; charset=utf-8",
                feed(s.tag(), b, a),
                "ETag",
                "\"def456\"");

        assertThat(poller.pollNow(s.connector())).isTrue();

        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> s.brand().equals(r.key()),
                        r -> s.brand().equals(r.key()) && r.value().contains(b));
        assertThat(records).hasSize(2);
        var first = JSON.readTree(records.get(0).value());
        assertThat(first.get("source").asText()).isEqualTo("rss");
        assertThat(first.get("externalId").asText()).isEqualTo(a);
        assertThat(first.get("url").asText())
                .isEqualTo("https://news.google.com/rss/articles/" + a + "?oc=5");
        assertThat(first.get("text").asText())
                .isEqualTo("New cardiac unit opens #" + s.tag() + " (" + a + ") - Example Gazette")
                .doesNotContain("<a", "&nbsp;");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2026-08-01T09:15:00Z");
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.mentionsLastHour", equalTo(2))
                .body("health.lastSuccessAt", not(nullValue()))
                .body("health.lastItemAt", not(nullValue()));
    }

    @Test
    void anEmptyFeedIsASuccessWithNothingNew() {
        var s = setup();
        serve(s.path(), 200, "application/rss+xml", feed(s.tag()));

        poller.pollNow(s.connector());

        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.mentionsLastHour", equalTo(0))
                .body("health.lastItemAt", nullValue());
    }

    @Test
    void aNotModifiedFeedIsASuccessAndTheValidatorsAreSent() {
        var s = setup();
        var a = SourceFixtures.unique("CBMi");
        serve(
                s.path(),
                200,
                "application/xml",
                feed(s.tag(), a),
                "ETag",
                "\"def456\"",
                "Last-Modified",
                "Sat, 01 Aug 2026 12:40:00 GMT");
        poller.pollNow(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withHeader("If-None-Match", WireMock.equalTo("\"def456\""))
                        .withHeader(
                                "If-Modified-Since",
                                WireMock.equalTo("Sat, 01 Aug 2026 12:40:00 GMT"))
                        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"def456\"")));

        poller.pollNow(s.connector());

        wiremock.verify(
                1,
                getRequestedFor(urlPathEqualTo(s.path()))
                        .withHeader("If-None-Match", WireMock.equalTo("\"def456\"")));
        wiremock.verify(
                1, getRequestedFor(urlPathEqualTo(s.path())).withHeader("If-None-Match", absent()));
        health(s.connector())
                .body("health.status", equalTo("OK"))
                .body("health.consecutiveFailures", equalTo(0))
                .body("health.mentionsLastHour", equalTo(1));
    }

    @Test
    void tooManyRequestsWaitsAtLeastAsLongAsRetryAfterSays() {
        var s = setup();
        serve(
                s.path(),
                429,
                "text/html; charset=UTF-8",
                "<html><body>Too Many Requests</body></html>",
                "Retry-After",
                "120");
        var before = Instant.now();

        poller.pollNow(s.connector());

        var nextPoll =
                Instant.parse(
                        health(s.connector())
                                .body("health.status", equalTo("RATE_LIMITED"))
                                .body(
                                        "health.lastError",
                                        equalTo("RATE_LIMITED 429: the source is rate limiting us"))
                                .extract()
                                .path("health.nextPollAt"));
        assertThat(nextPoll)
                .isAfterOrEqualTo(before.plusSeconds(120))
                .isBefore(before.plusSeconds(200));
    }

    @Test
    void aForbiddenHtmlPageIsAnErrorWithoutItsMarkup() {
        var s = setup();
        serve(
                s.path(),
                403,
                "text/html; charset=UTF-8",
                "<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1>"
                        + "<p>Your client does not have permission.</p></body></html>");

        poller.pollNow(s.connector());

        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body(
                        "health.lastError",
                        equalTo("HTTP_STATUS 403: the source refused the request"))
                .body("health.consecutiveFailures", equalTo(1))
                .body("health.lastErrorAt", not(nullValue()));
    }

    @Test
    void malformedXmlIsAnErrorAndDoesNotMoveTheCursor() {
        var s = setup();
        serve(
                s.path(),
                200,
                "application/xml",
                "<?xml version=\"1.0\"?><rss><channel><item><title>broken");

        poller.pollNow(s.connector());

        health(s.connector())
                .body("health.status", equalTo("FAILING"))
                .body("health.lastError", equalTo("MALFORMED 200: the answer could not be read"));
        // An HTML page served as 200 is not a feed either.
        serve(s.path(), 200, "text/html", "<html><body><p>Sign in</p></body></html>");
        poller.pollNow(s.connector());
        health(s.connector())
                .body("health.consecutiveFailures", equalTo(2))
                .body("health.lastError", equalTo("MALFORMED 200: the answer could not be read"));
    }

    @Test
    void afterARestartTheStoredCursorGivesNoDuplicateAndNoGap() throws Exception {
        var s = setup();
        var a = SourceFixtures.unique("CBMi");
        var b = SourceFixtures.unique("CBMi");
        var c = SourceFixtures.unique("CBMi");
        serve(s.path(), 200, "application/xml", feed(s.tag(), b, a), "ETag", "\"v1\"");
        poller.pollNow(s.connector());

        // A restart keeps nothing in memory: only the cursor stored with the last page remains.
        poller.forget(s.connector());
        serve(s.path(), 200, "application/xml", feed(s.tag(), c, b, a), "ETag", "\"v2\"");
        poller.pollNow(s.connector());
        poller.forget(s.connector());
        wiremock.stubFor(
                get(urlPathEqualTo(s.path()))
                        .withHeader("If-None-Match", WireMock.equalTo("\"v2\""))
                        .willReturn(aResponse().withStatus(304)));
        poller.pollNow(s.connector());

        wiremock.verify(
                1,
                getRequestedFor(urlPathEqualTo(s.path()))
                        .withHeader("If-None-Match", WireMock.equalTo("\"v1\"")));
        assertThat(publishedGuids(s.brand(), c)).containsExactly(a, b, c);
        health(s.connector()).body("health.status", equalTo("OK"));
    }
}
