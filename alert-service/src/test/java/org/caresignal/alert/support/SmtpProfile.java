package org.caresignal.alert.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * An application whose mailer talks to a real SMTP server on a random local port (the e-mail
 * channel test starts GreenMail there): the mock mailer is off, STARTTLS disabled, and a password
 * set so authentication is exercised. Deliveries get more attempts so a test can stop and restart
 * the server in between.
 */
public class SmtpProfile implements QuarkusTestProfile {

    public static final String USER = "caresignal";
    public static final String PASSWORD = "smtp-Secret-4242";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.username", USER,
                "quarkus.mailer.password", PASSWORD,
                "quarkus.mailer.from", "caresignal@riverside.example",
                "caresignal.delivery.max-attempts", "10");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Port.class));
    }

    /** Picks a free port for the SMTP server before the application starts. */
    public static class Port implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (var socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return Map.of("quarkus.mailer.port", Integer.toString(socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {}
    }
}
