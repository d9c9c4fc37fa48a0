package org.caresignal.alert.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Shared state of the restart acceptance test: {@code IncidentRestart1BeforeTest} opens an incident
 * in the default application; Quarkus then starts a new application for {@link Restarted} (profiles
 * run after the default-profile classes), and {@code IncidentRestart2AfterTest} checks it. Both use
 * the same real broker and database.
 */
public final class RestartScenario {

    // A file, not static fields or system properties: each application loads the test classes
    // anew and Quarkus restores system properties when it stops one.
    private static final Path STATE = Path.of("target", "restart-scenario.properties");

    private static final List<String> CONNECTION =
            List.of(
                    "kafka.bootstrap.servers",
                    "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username",
                    "quarkus.datasource.password");

    private RestartScenario() {}

    /** Remembers the incident and the broker and database the first application used. */
    public static void remember(String brand, String incidentId) {
        var config = ConfigProvider.getConfig();
        var p = new Properties();
        p.setProperty("brand", brand);
        p.setProperty("incident", incidentId);
        for (var key : CONNECTION) {
            p.setProperty(key, config.getValue(key, String.class));
        }
        try (var out = Files.newOutputStream(STATE)) {
            p.store(out, "written by IncidentRestart1BeforeTest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Remembers a dashboard session's cookies, to show that the new application still honours it
     * (its encryption key comes from configuration, not from the start).
     */
    public static void rememberSession(String username, Map<String, String> cookies) {
        var p = read();
        p.setProperty("session.username", username);
        cookies.forEach((name, value) -> p.setProperty("session.cookie." + name, value));
        try (var out = Files.newOutputStream(STATE)) {
            p.store(out, "written by IncidentRestart1BeforeTest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sessionUsername() {
        return read().getProperty("session.username");
    }

    /** The remembered session cookies, by name. */
    public static Map<String, String> sessionCookies() {
        var cookies = new HashMap<String, String>();
        var p = read();
        for (var name : p.stringPropertyNames()) {
            if (name.startsWith("session.cookie.")) {
                cookies.put(name.substring("session.cookie.".length()), p.getProperty(name));
            }
        }
        return cookies;
    }

    public static String brand() {
        return read().getProperty("brand");
    }

    public static String incidentId() {
        return read().getProperty("incident");
    }

    private static Properties read() {
        var p = new Properties();
        if (Files.exists(STATE)) {
            try (var in = Files.newInputStream(STATE)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    /**
     * A distinct profile, which makes Quarkus stop the application and start a new one. Each
     * application would get its own embedded stack (the stack is per class loader), so this one
     * turns the test resource off and connects to the broker and database of the first.
     */
    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            var state = read();
            var overrides = new HashMap<String, String>();
            for (var key : CONNECTION) {
                var value = state.getProperty(key);
                if (value != null) {
                    overrides.put(key, value);
                }
            }
            return overrides;
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        /** The restarted application needs an OIDC provider too (the same signing key). */
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcTestServer.class));
        }
    }
}
