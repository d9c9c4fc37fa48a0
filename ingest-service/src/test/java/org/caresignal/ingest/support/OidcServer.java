package org.caresignal.ingest.support;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The OIDC provider of the tests: quarkus-test-oidc-server's WireMock server, which publishes the
 * discovery document and the key set whose private key signs {@link Tokens}. {@code @QuarkusTest}s
 * find it through {@code %test.quarkus.oidc.auth-server-url}; the packaged service of an {@code
 * *IT} runs the prod profile, so it is told here too.
 */
public class OidcServer extends OidcWiremockTestResource {

    @Override
    public Map<String, String> start() {
        var config = new HashMap<>(super.start());
        config.put(
                "%prod.quarkus.oidc.auth-server-url",
                config.get("keycloak.url") + "/realms/quarkus/");
        return config;
    }
}
