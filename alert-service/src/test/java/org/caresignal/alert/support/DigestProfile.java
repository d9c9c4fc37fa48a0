package org.caresignal.alert.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The digest tests' application: its mailer talks to a real SMTP server ({@link SmtpProfile}'s
 * settings; the test starts GreenMail on the port), and ingest-service and sentiment-service are
 * one WireMock server ({@link #wireMock()}) started before the application, answering in the shapes
 * of docs/api-examples.
 */
public class DigestProfile implements QuarkusTestProfile {

    private static WireMockServer services;

    @Override
    public Map<String, String> getConfigOverrides() {
        var config = new HashMap<>(new SmtpProfile().getConfigOverrides());
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(SmtpProfile.Port.class),
                new TestResourceEntry(Services.class));
    }

    /** The running stand-in for ingest-service and sentiment-service. */
    public static WireMockServer wireMock() {
        if (services == null) {
            throw new IllegalStateException("the digest profile's WireMock is not running");
        }
        return services;
    }

    /** Starts WireMock on a free port and points the console clients at it. */
    public static class Services implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            services = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            services.start();
            var url = "http://127.0.0.1:" + services.port();
            return Map.of(
                    "caresignal.alert.console.ingest-url", url,
                    "caresignal.alert.console.sentiment-url", url);
        }

        @Override
        public void stop() {
            if (services != null) {
                services.stop();
                services = null;
            }
        }
    }
}
