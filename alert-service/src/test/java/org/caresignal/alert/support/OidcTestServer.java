package org.caresignal.alert.support;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The OIDC provider of the tests: quarkus-test-oidc-server's WireMock server (discovery, keys,
 * login page, token endpoint), started once per application. {@code %test} in
 * application.properties points both tenants at it; for the packaged application ({@code *IT}, prod
 * profile) the same is passed here. {@link Tokens} signs with its key; {@link DashboardLogin} signs
 * people in through it.
 */
public class OidcTestServer extends OidcWiremockTestResource {

    /** Where the running server is (not a config name, so Quarkus does not read it by itself). */
    static final String BASE_URL = "caresignal-test-oidc-base-url";

    /** The dashboard client's secret in tests (matches {@code %test} in application.properties). */
    public static final String DASHBOARD_SECRET = "caresignal-dashboard-test-secret-0123456789";

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(super.start());
        var keycloak = config.get("keycloak.url");
        System.setProperty(BASE_URL, keycloak.replaceFirst("/auth$", ""));
        var realm = keycloak + "/realms/quarkus/";
        config.put("%prod.quarkus.oidc.auth-server-url", realm);
        config.put("%prod.quarkus.oidc.dashboard.auth-server-url", realm);
        config.put("%prod.quarkus.oidc.dashboard.credentials.secret", DASHBOARD_SECRET);
        return config;
    }

    /** The base URL of the running server, e.g. {@code http://localhost:41234}. */
    public static String baseUrl() {
        var url = System.getProperty(BASE_URL);
        if (url == null) {
            throw new IllegalStateException("the OIDC test server is not running");
        }
        return url;
    }
}
