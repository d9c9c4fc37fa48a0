package org.caresignal.alert.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Gives every test of this module the channel-secret key ring, as production gets it from {@code
 * ALERT_SECRETS_KEYS}: one random key per test JVM, so that it lives as long as the JVM's test
 * database and survives restarts of the application between test classes.
 */
public class SecretsKeyResource implements QuarkusTestResourceLifecycleManager {

    /** Where the JVM keeps its ring (not a config name, so Quarkus does not read it by itself). */
    private static final String HOLDER = "caresignal-test-alert-secrets-ring";

    /** The ring of this test JVM, {@code keyId=base64key}. */
    public static synchronized String ring() {
        var ring = System.getProperty(HOLDER);
        if (ring == null) {
            var key = new byte[32];
            new SecureRandom().nextBytes(key);
            ring = "test=" + Base64.getEncoder().encodeToString(key);
            System.setProperty(HOLDER, ring);
        }
        return ring;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("caresignal.alert.secrets.keys", ring());
    }

    @Override
    public void stop() {}
}
