package org.caresignal.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak server (the {@code keycloak-quarkus-dist} that deploy/local unpacks at build
 * time) run as a child process of {@code bin/kc.sh start}: plain HTTP on loopback, its own
 * management port for health, its data in a PostgreSQL database, the {@code caresignal} realm
 * imported on the first start from the realm file kept in deploy/keycloak (whose placeholders take
 * the generated {@link IdentitySecrets}), output in a log file. Stopping it sends SIGTERM to the
 * whole process tree.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "caresignal";

    /** The public client with the password grant, for scripts and tests. */
    public static final String CLI_CLIENT = "caresignal-cli";

    /** The realm file on the classpath (a copy of deploy/keycloak/caresignal-realm.json). */
    public static final String REALM_RESOURCE = "keycloak/caresignal-realm.json";

    /** The Keycloak version deploy/local was built with. */
    public static final String VERSION = version();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    /**
     * How to run it.
     *
     * @param home the unpacked distribution ({@link #unpacked(Path)})
     * @param jdbcUrl its PostgreSQL database, e.g. {@code
     *     jdbc:postgresql://127.0.0.1:5432/keycloak}
     * @param dashboardUrl alert-service's dashboard, e.g. {@code http://localhost:8083/dashboard}:
     *     the dashboard client's redirect URIs (fixed when the realm is imported)
     */
    public record Settings(
            Path home,
            int httpPort,
            int managementPort,
            String jdbcUrl,
            String dbUsername,
            String dbPassword,
            String dashboardUrl,
            IdentitySecrets secrets,
            Path log) {

        @Override
        public String toString() {
            return "Settings[home=" + home + ", httpPort=" + httpPort + "]";
        }
    }

    private final Settings settings;
    private final Process process;

    private KeycloakServer(Settings settings, Process process) {
        this.settings = settings;
        this.process = process;
    }

    /**
     * The distribution unpacked in {@code dir} (deploy/local's {@code target/keycloak}).
     *
     * @throws IllegalStateException when it is missing
     */
    public static Path unpacked(Path dir) {
        var home = dir.resolve("keycloak-" + VERSION).toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(
                    "Keycloak "
                            + VERSION
                            + " is not unpacked in "
                            + dir
                            + ": build deploy/local first (./mvnw package -DskipTests -pl"
                            + " deploy/local)");
        }
        return home;
    }

    /**
     * Starts Keycloak and returns at once, so that other things can start meanwhile; {@link
     * #awaitReady(Duration)} waits for it.
     */
    public static KeycloakServer start(Settings settings) {
        var home = settings.home();
        var kcSh = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException(kcSh + " is missing");
        }
        try {
            stageRealm(home.resolve("data/import"));
            Files.createDirectories(settings.log().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Keycloak in " + home, e);
        }
        kcSh.toFile().setExecutable(true);
        var command = new ArrayList<String>();
        command.add(kcSh.toString());
        command.add("start");
        // The same build options everywhere, so that the server image is built once per unpacked
        // copy (a change of them costs a rebuild of about 15 s at the next start).
        command.add("--db=postgres");
        command.add("--health-enabled=true");
        command.add("--cache=local");
        command.add("--db-url=" + settings.jdbcUrl());
        command.add("--db-username=" + settings.dbUsername());
        command.add("--http-enabled=true");
        command.add("--http-host=127.0.0.1");
        command.add("--http-port=" + settings.httpPort());
        command.add("--http-management-port=" + settings.managementPort());
        // One issuer whatever name a client uses to reach it (the services compare it).
        command.add("--hostname=http://localhost:" + settings.httpPort());
        command.add("--import-realm");
        var builder =
                new ProcessBuilder(command)
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile()));
        var env = builder.environment();
        // Secrets go in the environment, never on the command line (which every user can list).
        env.put("KC_DB_PASSWORD", settings.dbPassword());
        env.putAll(settings.secrets().keycloakEnvironment());
        env.put("CARESIGNAL_DASHBOARD_URL", settings.dashboardUrl());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JAVA_OPTS");
        try {
            return new KeycloakServer(settings, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
    }

    /** Copies the realm file where {@code --import-realm} finds it. */
    private static void stageRealm(Path importDir) throws IOException {
        Files.createDirectories(importDir);
        try (InputStream realm =
                KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is not on the classpath");
            }
            var tmp = Files.createTempFile(importDir, ".realm-", ".tmp");
            Files.copy(realm, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    tmp,
                    importDir.resolve("caresignal-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Waits until {@code /health/ready} on the management port answers 200. */
    public void awaitReady(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        var request =
                HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with code "
                                + process.exitValue()
                                + "; see "
                                + settings.log());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException(
                "Keycloak not ready after " + timeout + "; see " + settings.log());
    }

    /** Where browsers and clients reach it, e.g. {@code http://localhost:18080}. */
    public String url() {
        return "http://localhost:" + settings.httpPort();
    }

    /** The realm's issuer: what the services take as {@code OIDC_AUTH_SERVER_URL}. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    /** The management interface (health), e.g. {@code http://localhost:19000}. */
    public String managementUrl() {
        return "http://localhost:" + settings.managementPort();
    }

    public int httpPort() {
        return settings.httpPort();
    }

    public int managementPort() {
        return settings.managementPort();
    }

    public Path log() {
        return settings.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kc.sh's process (Keycloak's JVM is its child). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * An access token of {@code username} through the password grant of {@value #CLI_CLIENT}.
     *
     * @throws IllegalStateException when Keycloak refuses (wrong password, locked user)
     */
    public String passwordGrant(String username, String password) {
        return token(
                Map.of(
                        "grant_type", "password",
                        "client_id", CLI_CLIENT,
                        "username", username,
                        "password", password));
    }

    /** An access token of the {@code role}'s demo user. */
    public String demoToken(String role) {
        return passwordGrant(IdentitySecrets.demoUser(role), settings.secrets().password(role));
    }

    /** An access token of a confidential client's service account (client credentials). */
    public String clientCredentialsGrant(String clientId, String clientSecret) {
        return token(
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", clientId,
                        "client_secret", clientSecret));
    }

    private String token(Map<String, String> form) {
        var body =
                new LinkedHashMap<>(form)
                        .entrySet().stream()
                                .map(
                                        e ->
                                                e.getKey()
                                                        + "="
                                                        + URLEncoder.encode(
                                                                e.getValue(),
                                                                StandardCharsets.UTF_8))
                                .collect(Collectors.joining("&"));
        var request =
                HttpRequest.newBuilder(URI.create(tokenUrl()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(30))
                        .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // The error body names the OAuth error (invalid_grant, ...), never the secret.
                throw new IllegalStateException(
                        "Keycloak refused the "
                                + form.get("grant_type")
                                + " grant ("
                                + response.statusCode()
                                + "): "
                                + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach Keycloak at " + tokenUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Keycloak for a token", e);
        }
    }

    /**
     * Stops Keycloak: SIGTERM to kc.sh and the JVM it runs (it shuts down in about a second),
     * SIGKILL after 20 s.
     */
    @Override
    public void close() {
        var tree = new ArrayList<ProcessHandle>();
        process.descendants().forEach(tree::add);
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (var handle : tree) {
                handle.onExit().get(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String version() {
        try (var in =
                KeycloakServer.class.getResourceAsStream(
                        "/org/caresignal/local/stack/keycloak.properties")) {
            if (in == null) {
                throw new IllegalStateException("keycloak.properties is not on the classpath");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("keycloak.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
