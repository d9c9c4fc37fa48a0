package org.caresignal.ingest.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.RateLimit;
import org.caresignal.ingest.source.SourceFailure;
import org.caresignal.ingest.source.SourceFailure.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound policy against a real WireMock server: addresses refused at connect time (host names
 * through Dns, IP literals, every redirect hop), redirects limited, byte caps, the total deadline
 * against a dripping body, and failure messages that never carry what the remote host sent.
 */
class OutboundHttpTest {

    // Generous enough for a cold JVM's first exchange on a loaded machine (2 s was not: the
    // allowed-host test timed out under CI load); only the dripping body waits it out.
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static WireMockServer wiremock;

    @BeforeAll
    static void start() {
        wiremock =
                new WireMockServer(
                        WireMockConfiguration.options().dynamicPort().dynamicHttpsPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    private static OutboundHttp http(List<String> allow) {
        return new OutboundHttp(
                AddressPolicy.allowing(allow),
                new OutboundHttp.Limits(
                        Duration.ofSeconds(3), DEADLINE, 1024, 4096, 512, 5, "CareSignal/test"));
    }

    /** Only the WireMock address (127.0.0.1) is allowed, as an operator would allow a relay. */
    private static OutboundHttp allowingWireMock() {
        return http(List.of("127.0.0.1/32"));
    }

    private static SourceFailure fail(OutboundHttp http, String url) {
        return catchThrowableOfType(
                SourceFailure.class,
                () -> http.get(URI.create(url), Map.of(), h -> RateLimit.UNKNOWN));
    }

    private static String at(String host, String path) {
        return "http://" + host + ":" + wiremock.port() + path;
    }

    @Test
    void anAllowedHostIsFetched() {
        wiremock.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withBody("hello")));

        var answer =
                allowingWireMock()
                        .get(URI.create(at("127.0.0.1", "/ok")), Map.of(), h -> RateLimit.UNKNOWN);

        assertThat(answer.text()).isEqualTo("hello");
        wiremock.verify(
                getRequestedFor(urlPathEqualTo("/ok"))
                        .withHeader("User-Agent", WireMock.equalTo("CareSignal/test")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "127.0.0.2"})
    void loopbackIsRefusedBeforeARequestIsSent(String host) {
        wiremock.stubFor(get(urlPathEqualTo("/internal")).willReturn(aResponse().withBody("x")));
        var http = http(List.of());

        var failure = fail(http, at(host, "/internal"));

        assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
        wiremock.verify(0, getRequestedFor(urlPathEqualTo("/internal")));
    }

    @Test
    void theCloudMetadataAddressIsRefusedWithoutConnecting() {
        long start = System.nanoTime();

        var failure = fail(allowingWireMock(), "http://169.254.169.254/latest/meta-data/");

        assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theAllowlistDoesNotOpenNeighbours() {
        // 127.0.0.2 reaches the same WireMock (all of 127/8 is loopback), but is not allowed.
        wiremock.stubFor(get(urlPathEqualTo("/neighbour")).willReturn(aResponse().withBody("x")));

        assertThat(fail(allowingWireMock(), at("127.0.0.2", "/neighbour")).kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
        assertThat(fail(allowingWireMock(), at("[::ffff:127.0.0.2]", "/neighbour")).kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
        wiremock.verify(0, getRequestedFor(urlPathEqualTo("/neighbour")));
    }

    @Test
    void aRedirectToABlockedAddressIsRefused() {
        wiremock.stubFor(
                get(urlPathEqualTo("/hop"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Location", at("127.0.0.2", "/secret"))));
        wiremock.stubFor(get(urlPathEqualTo("/secret")).willReturn(aResponse().withBody("x")));

        var failure = fail(allowingWireMock(), at("127.0.0.1", "/hop"));

        assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
        wiremock.verify(0, getRequestedFor(urlPathEqualTo("/secret")));
    }

    @Test
    void redirectsAreFollowedWithinTheLimitAndCredentialsStayWithTheirHost() {
        wiremock.stubFor(
                get(urlPathEqualTo("/a"))
                        .willReturn(aResponse().withStatus(301).withHeader("Location", "/b")));
        wiremock.stubFor(
                get(urlPathEqualTo("/b"))
                        .willReturn(
                                aResponse()
                                        .withStatus(307)
                                        // Same address, another origin (host name): no credential.
                                        .withHeader("Location", at("localhost", "/c"))));
        wiremock.stubFor(get(urlPathEqualTo("/c")).willReturn(aResponse().withBody("done")));
        var http = http(List.of("127.0.0.1/32", "::1/128"));

        var answer =
                http.get(
                        URI.create(at("127.0.0.1", "/a")),
                        Map.of("Authorization", "Bearer secret"),
                        h -> RateLimit.UNKNOWN);

        assertThat(answer.text()).isEqualTo("done");
        wiremock.verify(
                getRequestedFor(urlPathEqualTo("/b"))
                        .withHeader("Authorization", WireMock.equalTo("Bearer secret")));
        wiremock.verify(
                getRequestedFor(urlPathEqualTo("/c")).withHeader("Authorization", absent()));
    }

    @Test
    void aRedirectLoopStopsAfterFiveHops() {
        wiremock.stubFor(
                get(urlPathEqualTo("/loop"))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        var failure = fail(allowingWireMock(), at("127.0.0.1", "/loop"));

        assertThat(failure.kind()).isEqualTo(Kind.REDIRECT);
        wiremock.verify(6, getRequestedFor(urlPathEqualTo("/loop")));
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        wiremock.stubFor(
                get(urlPathEqualTo("/file"))
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader("Location", "file:///etc/passwd")));

        assertThat(fail(allowingWireMock(), at("127.0.0.1", "/file")).kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThat(fail(allowingWireMock(), "ftp://127.0.0.1/feed").kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
        assertThat(fail(allowingWireMock(), "file:///etc/passwd").kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
    }

    @Test
    void aBodyOverTheCapIsTooLargeWithOrWithoutALength() {
        wiremock.stubFor(
                get(urlPathEqualTo("/big")).willReturn(aResponse().withBody("x".repeat(1025))));
        // Chunked: no Content-Length, the cap is found while reading.
        wiremock.stubFor(
                get(urlPathEqualTo("/big-chunked"))
                        .willReturn(
                                aResponse()
                                        .withBody("x".repeat(1025))
                                        .withChunkedDribbleDelay(3, 30)));

        assertThat(fail(allowingWireMock(), at("127.0.0.1", "/big")).kind())
                .isEqualTo(Kind.TOO_LARGE);
        assertThat(fail(allowingWireMock(), at("127.0.0.1", "/big-chunked")).kind())
                .isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void theFeedCapIsItsOwn() {
        wiremock.stubFor(
                get(urlPathEqualTo("/feed")).willReturn(aResponse().withBody("x".repeat(3000))));

        var answer =
                allowingWireMock()
                        .get(
                                URI.create(at("127.0.0.1", "/feed")),
                                Map.of(),
                                h -> RateLimit.UNKNOWN,
                                OutboundHttp.Use.FEED);

        assertThat(answer.body()).hasSize(3000);
    }

    @Test
    void aDrippingBodyEndsAtTheDeadline() {
        // Headers at once, then the body over a minute: only a total deadline stops this.
        wiremock.stubFor(
                get(urlPathEqualTo("/drip"))
                        .willReturn(
                                aResponse()
                                        .withBody("x".repeat(600))
                                        .withChunkedDribbleDelay(600, 60_000)));
        long start = System.nanoTime();

        var failure = fail(allowingWireMock(), at("127.0.0.1", "/drip"));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(2));
    }

    @Test
    void errorsCarryTheClassAndStatusNeverTheRemoteText() {
        wiremock.stubFor(
                get(urlPathEqualTo("/err"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"ExpiredToken\",\"message\":\"<script>evil</script>"
                                                        + " call +1 555 0100\"}")));
        wiremock.stubFor(
                get(urlPathEqualTo("/down"))
                        .willReturn(aResponse().withStatus(503).withBody("<h1>evil</h1>")));
        wiremock.stubFor(
                get(urlPathEqualTo("/slow-down"))
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        var unauthorized = fail(allowingWireMock(), at("127.0.0.1", "/err"));
        var down = fail(allowingWireMock(), at("127.0.0.1", "/down"));
        var limited = fail(allowingWireMock(), at("127.0.0.1", "/slow-down"));

        assertThat(unauthorized.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(unauthorized.getMessage())
                .isEqualTo("HTTP_STATUS 401: the source refused the request");
        // The machine token is kept for the client's decisions, not shown.
        assertThat(unauthorized.errorCode()).isEqualTo("ExpiredToken");
        assertThat(down.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(down.getMessage()).isEqualTo("SERVER_ERROR 503: the source failed");
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAt()).isNotNull();
    }

    @Test
    void connectDnsAndTlsFailuresAreClassified() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(fail(allowingWireMock(), "http://127.0.0.1:" + closed + "/").kind())
                .isEqualTo(Kind.CONNECT);
        assertThat(fail(allowingWireMock(), "http://no-such-host.invalid/").kind())
                .isEqualTo(Kind.DNS);
        // WireMock's self-signed certificate is not trusted.
        assertThat(
                        fail(allowingWireMock(), "https://127.0.0.1:" + wiremock.httpsPort() + "/")
                                .kind())
                .isEqualTo(Kind.TLS);
    }

    @Test
    void aRedirectFromHttpsToHttpIsRefusedAndUpgradesAreFollowed() {
        // WireMock's https port has no trusted certificate, so the rule is checked on its own.
        var https = okhttp3.HttpUrl.get("https://feeds.example.org/a");

        assertThat(
                        OutboundHttp.refusedRedirect(
                                https, okhttp3.HttpUrl.get("http://feeds.example.org/b")))
                .contains(Kind.REDIRECT);
        assertThat(
                        OutboundHttp.refusedRedirect(
                                okhttp3.HttpUrl.get("http://feeds.example.org/a"), https))
                .isEmpty();
        assertThat(OutboundHttp.refusedRedirect(https, null)).contains(Kind.BLOCKED_ADDRESS);
    }
}
