package org.caresignal.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * ingest-service and sentiment-service as the console sees them: one WireMock server standing in
 * for both APIs (their paths do not overlap), started once per application, with {@code
 * caresignal.alert.console.ingest-url} and {@code sentiment-url} pointed at it. Anything a test did
 * not stub answers 503, so a page that asks something unexpected degrades instead of passing by
 * accident. {@link ConsoleStubs} stubs the shapes of docs/api-examples.
 */
public class ConsoleServices implements QuarkusTestResourceLifecycleManager {

    /** Where the running server is (not a config name). */
    static final String BASE_URL = "caresignal-test-console-services-url";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(
                any(anyUrl())
                        .atPriority(100)
                        .willReturn(aResponse().withStatus(503).withBody("not stubbed")));
        var url = "http://127.0.0.1:" + server.port();
        System.setProperty(BASE_URL, url);
        return Map.of(
                "caresignal.alert.console.ingest-url", url,
                "caresignal.alert.console.sentiment-url", url,
                "%test.caresignal.alert.console.ingest-url", url,
                "%test.caresignal.alert.console.sentiment-url", url,
                "%prod.caresignal.alert.console.ingest-url", url,
                "%prod.caresignal.alert.console.sentiment-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        System.clearProperty(BASE_URL);
    }

    /** A client of the running server, to stub and verify. */
    public static WireMock client() {
        var url = System.getProperty(BASE_URL);
        if (url == null) {
            throw new IllegalStateException("the console services stub is not running");
        }
        var uri = java.net.URI.create(url);
        return new WireMock(uri.getHost(), uri.getPort());
    }
}
