package org.caresignal.ingest.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * sentiment-service's erasure-match endpoint as a WireMock server, one per test JVM, which the
 * service's REST client (INGEST_SENTIMENT_URL) reaches; tests stub and verify it through {@link
 * #client()} (the WireMock admin API, so it works from any class loader).
 */
public class SentimentStub implements QuarkusTestResourceLifecycleManager {

    /** Where the JVM keeps the stub's port (not a config name). */
    private static final String PORT = "caresignal-test-sentiment-stub-port";

    private static WireMockServer server;

    /** The stub of this test JVM, started on first use. */
    static synchronized int port() {
        var known = System.getProperty(PORT);
        if (known != null) {
            return Integer.parseInt(known);
        }
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        System.setProperty(PORT, Integer.toString(server.port()));
        return server.port();
    }

    /** A client of the stub: stub answers, verify requests, reset. */
    public static WireMock client() {
        return new WireMock("localhost", port());
    }

    @Override
    public Map<String, String> start() {
        return Map.of("caresignal.ingest.erasure.sentiment-url", "http://localhost:" + port());
    }

    @Override
    public void stop() {
        // One stub per JVM, shared by every restart of the application; it ends with the JVM.
    }
}
