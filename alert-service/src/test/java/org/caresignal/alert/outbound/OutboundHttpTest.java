package org.caresignal.alert.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.outbound.OutboundFailure.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outbound policy against a real HTTP server (WireMock on loopback). */
class OutboundHttpTest {

    private static final OutboundHttp.Use USE =
            new OutboundHttp.Use("test", 1024, Duration.ofSeconds(2), 5);

    private static WireMockServer server;

    /** Loopback allowed: the WireMock address, as an operator would allow an internal relay. */
    private static final OutboundHttp LOOPBACK_ALLOWED = new OutboundHttp(List.of("127.0.0.1/32"));

    private static final OutboundHttp NOTHING_ALLOWED = new OutboundHttp(List.of());

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void anAllowedHostIsReachedAndItsReplyRead() throws Exception {
        server.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withBody("ok")));
        var reply = LOOPBACK_ALLOWED.postJson(url("/hook"), Map.of("X-Test", "1"), "{}", USE);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        server.verify(postRequestedFor(urlEqualTo("/hook")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/hook",
                "http://localhost:%d/hook",
                "http://[::ffff:127.0.0.1]:%d/hook",
                "http://[::1]:%d/hook",
                "http://169.254.169.254:%d/latest/meta-data/",
                "http://10.0.0.1:%d/",
                "http://0.0.0.0:%d/"
            })
    void internalAddressesAreRefusedBeforeAnyByteIsSent(String template) {
        server.stubFor(
                any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                        .willReturn(aResponse().withStatus(200)));
        var failure =
                catchThrowableOfType(
                        () ->
                                NOTHING_ALLOWED.postJson(
                                        template.formatted(server.port()), Map.of(), "{}", USE),
                        OutboundFailure.class);
        assertThat(failure.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
        assertThat(failure.describe()).isEqualTo("BLOCKED_ADDRESS");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRedirectFromAnAllowedHostToABlockedAddressIsRefused() {
        server.stubFor(
                get("/feed")
                        .willReturn(
                                aResponse()
                                        .withStatus(302)
                                        .withHeader(
                                                "Location",
                                                "http://127.0.0.2:" + server.port() + "/x")));
        server.stubFor(
                get("/meta")
                        .willReturn(
                                aResponse()
                                        .withStatus(301)
                                        .withHeader(
                                                "Location",
                                                "http://169.254.169.254/latest/meta-data/")));
        assertThat(
                        catchThrowableOfType(
                                        () -> LOOPBACK_ALLOWED.get(url("/feed"), USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
        assertThat(
                        catchThrowableOfType(
                                        () -> LOOPBACK_ALLOWED.get(url("/meta"), USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.BLOCKED_ADDRESS);
    }

    @Test
    void redirectsAreFollowedAtMostTheirLimitAndABodyNeverLeavesItsOrigin() throws Exception {
        for (int i = 0; i < 7; i++) {
            server.stubFor(
                    get("/r" + i)
                            .willReturn(
                                    aResponse()
                                            .withStatus(302)
                                            .withHeader("Location", "/r" + (i + 1))));
        }
        server.stubFor(get("/r7").willReturn(aResponse().withStatus(200).withBody("end")));
        server.stubFor(get("/r2-end").willReturn(aResponse().withStatus(200)));
        // Five followed, the sixth 302 comes back as it is.
        assertThat(LOOPBACK_ALLOWED.get(url("/r0"), USE).status()).isEqualTo(302);
        assertThat(LOOPBACK_ALLOWED.get(url("/r2"), USE).status()).isEqualTo(200);

        server.stubFor(
                post("/moved")
                        .willReturn(
                                aResponse()
                                        .withStatus(307)
                                        .withHeader(
                                                "Location",
                                                "http://localhost:"
                                                        + server.port()
                                                        + "/elsewhere")));
        var hostAllowed = new OutboundHttp(List.of("127.0.0.1/32", "::1/128"));
        assertThat(
                        hostAllowed
                                .postJson(url("/moved"), Map.of(), "{\"routing_key\":\"k\"}", USE)
                                .status())
                .isEqualTo(307);
        server.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void urlsGivenByApiCallersAreCheckedWhenSaved() {
        assertThat(LOOPBACK_ALLOWED.problemWith("https://hooks.example.org/x")).isEmpty();
        assertThat(LOOPBACK_ALLOWED.problemWith("ftp://hooks.example.org/x")).isPresent();
        assertThat(LOOPBACK_ALLOWED.problemWith("http://user:pw@hooks.example.org/x")).isPresent();
        assertThat(NOTHING_ALLOWED.problemWith("http://169.254.169.254/x")).isPresent();
        assertThat(NOTHING_ALLOWED.problemWith("http://[::ffff:10.0.0.1]/x")).isPresent();
    }

    @Test
    void aBodyOverTheCapIsTooLarge() {
        server.stubFor(
                get("/big").willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))));
        server.stubFor(
                get("/big-chunked")
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withBody("y".repeat(5000))
                                        .withChunkedDribbleDelay(5, 50)));
        assertThat(
                        catchThrowableOfType(
                                        () -> LOOPBACK_ALLOWED.get(url("/big"), USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.TOO_LARGE);
        assertThat(
                        catchThrowableOfType(
                                        () -> LOOPBACK_ALLOWED.get(url("/big-chunked"), USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void aDrippingBodyIsCutAtTheTotalDeadline() {
        server.stubFor(
                get("/drip")
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withBody("z".repeat(600))
                                        .withChunkedDribbleDelay(600, 120_000)));
        long start = System.nanoTime();
        var failure =
                catchThrowableOfType(
                        () ->
                                LOOPBACK_ALLOWED.get(
                                        url("/drip"),
                                        new OutboundHttp.Use(
                                                "drip", 1024, Duration.ofMillis(800), 0)),
                        OutboundFailure.class);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(tookMs).isLessThan(5_000);
    }

    @Test
    void connectionFailuresAndStatusesAreClassifiedWithoutRemoteText() throws Exception {
        server.stubFor(
                post("/err")
                        .willReturn(
                                aResponse()
                                        .withStatus(503)
                                        .withBody("internal: db password is hunter2")));
        var reply = LOOPBACK_ALLOWED.postJson(url("/err"), Map.of(), "{}", USE);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(new OutboundFailure(Kind.HTTP_STATUS, reply.status()).describe())
                .isEqualTo("HTTP_STATUS 503");

        int closed;
        try (var socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                LOOPBACK_ALLOWED.postJson(
                                                        "http://127.0.0.1:" + port + "/",
                                                        Map.of(),
                                                        "{}",
                                                        USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.CONNECT);
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                LOOPBACK_ALLOWED.postJson(
                                                        "http://no-such-host.invalid/",
                                                        Map.of(),
                                                        "{}",
                                                        USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.DNS);
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                LOOPBACK_ALLOWED.postJson(
                                                        "not a url", Map.of(), "{}", USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.MALFORMED);
        server.stubFor(post("/tls").willReturn(aResponse().withStatus(200)));
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                LOOPBACK_ALLOWED.postJson(
                                                        "https://127.0.0.1:"
                                                                + server.port()
                                                                + "/tls",
                                                        Map.of(),
                                                        "{}",
                                                        USE),
                                        OutboundFailure.class)
                                .kind())
                .isEqualTo(Kind.TLS);
    }
}
