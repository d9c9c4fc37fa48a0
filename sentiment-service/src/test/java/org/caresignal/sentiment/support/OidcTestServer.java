package org.caresignal.sentiment.support;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * quarkus-test-oidc-server's OIDC provider (WireMock in the test JVM, signing with its test key),
 * with the service pointed at it: issuer URL and the audience its tokens carry. Set here rather
 * than under {@code %test.} so that the packaged application of the {@code *IT}s, which runs the
 * prod profile, trusts it too.
 */
public class OidcTestServer extends OidcWiremockTestResource {

    /** The {@code iss} of the tokens {@link Tokens} signs (quarkus-test-oidc-server's default). */
    public static final String ISSUER = "https://server.example.com";

    /** The {@code aud} of the tokens {@link Tokens} signs (quarkus-test-oidc-server's default). */
    public static final String AUDIENCE = "https://server.example.com";

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(super.start());
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        config.put("quarkus.oidc.token.audience", AUDIENCE);
        return config;
    }
}
