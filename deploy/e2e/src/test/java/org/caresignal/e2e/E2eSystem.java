package org.caresignal.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.caresignal.local.run.CareSignalSystem;
import org.caresignal.local.run.SecretsKeyFile;
import org.caresignal.local.stack.IdentitySecrets;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.KeycloakServer;
import org.caresignal.local.stack.TestStack;
import org.caresignal.local.stack.TestStacks;

/**
 * What every end-to-end test of this JVM shares, started once on first use and stopped when the JVM
 * exits: the test stack (Kafka, PostgreSQL), a real Keycloak with the caresignal realm (its
 * database on the stack's PostgreSQL, fresh secrets) and the three packaged services signing in
 * against it.
 */
final class E2eSystem {

    private static final Logger LOG = Logger.getLogger(E2eSystem.class.getName());
    private static E2eSystem shared;

    final TestStack stack;
    final KeycloakServer keycloak;
    final IdentitySecrets secrets;
    final CareSignalSystem system;
    final Api api;

    /** The only directory ingest-service's file-replay connectors may read. */
    final Path replayDir;

    /** Where the three services export their spans (tracing is on in the end-to-end run). */
    final OtlpReceiver traces;

    private E2eSystem(
            TestStack stack,
            KeycloakServer keycloak,
            IdentitySecrets secrets,
            CareSignalSystem system,
            Path replayDir,
            OtlpReceiver traces) {
        this.stack = stack;
        this.keycloak = keycloak;
        this.secrets = secrets;
        this.system = system;
        this.api = new Api(system, keycloak);
        this.replayDir = replayDir;
        this.traces = traces;
    }

    static synchronized E2eSystem shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static E2eSystem start() {
        var repo =
                Path.of(System.getProperty("caresignal.repo", "../.."))
                        .toAbsolutePath()
                        .normalize();
        var logs = Path.of("target/e2e-logs").toAbsolutePath();
        var replayDir = Path.of("target/e2e-replay").toAbsolutePath();
        try {
            Files.createDirectories(replayDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var stack = TestStacks.shared();
        var secrets = IdentitySecrets.generate();
        var ports = CareSignalSystem.Ports.free();
        // A database of its own per start: when a start fails (a free port taken meanwhile by
        // another process) and the next test class starts again with new secrets, a realm kept
        // from the first try would refuse the new demo passwords.
        var keycloakDatabase =
                "keycloak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long begin = System.nanoTime();
        var keycloak =
                KeycloakServer.start(
                        new KeycloakServer.Settings(
                                KeycloakServer.unpacked(
                                        Path.of(
                                                System.getProperty(
                                                        "caresignal.keycloak.dir",
                                                        "target/keycloak"))),
                                KafkaBroker.freePort(),
                                KafkaBroker.freePort(),
                                stack.database(keycloakDatabase),
                                stack.username(keycloakDatabase),
                                stack.password(keycloakDatabase),
                                ports.dashboardUrl(),
                                secrets,
                                logs.resolve("keycloak.log")));
        CareSignalSystem system = null;
        var traces = OtlpReceiver.start();
        try {
            keycloak.awaitReady(Duration.ofMinutes(3));
            LOG.info(
                    () ->
                            "Keycloak ready in "
                                    + Duration.ofNanos(System.nanoTime() - begin).toSeconds()
                                    + " s at "
                                    + keycloak.url());
            system =
                    CareSignalSystem.start(
                            repo,
                            stack.kafkaBootstrapServers(),
                            stack::database,
                            ports,
                            logs,
                            SecretsKeyFile.ephemeral(),
                            // Both confidential clients' secrets: the console's user sign-in
                            // and alert-service's own token for the services it reads.
                            CareSignalSystem.Identity.of(keycloak.realmUrl(), secrets),
                            Map.of(
                                    "ingest-service",
                                    with(
                                            tracing(traces),
                                            Map.of(
                                                    "CARESIGNAL_STREAMS_FILE_DIRECTORY",
                                                    replayDir.toString(),
                                                    // A new file connector starts within a
                                                    // second.
                                                    "CARESIGNAL_STREAMS_RECONCILE_INTERVAL",
                                                    "1s")),
                                    "sentiment-service",
                                    tracing(traces),
                                    "alert-service",
                                    with(
                                            tracing(traces),
                                            // Webhook channels of the tests point at WireMock on
                                            // loopback, which the outbound policy refuses
                                            // otherwise.
                                            Map.of(
                                                    "ALERT_OUTBOUND_ALLOW",
                                                    "127.0.0.1/32,::1/128"))));
        } catch (RuntimeException e) {
            traces.close();
            keycloak.close();
            throw e;
        }
        LOG.info(
                () ->
                        "CareSignal ready for the end-to-end tests in "
                                + Duration.ofNanos(System.nanoTime() - begin).toSeconds()
                                + " s");
        var started = new E2eSystem(stack, keycloak, secrets, system, replayDir, traces);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    // The three at once: one after the other their graceful
                                    // stops took ~18 s at the end of every run.
                                    try {
                                        Processes.closeTogether(started.system.services());
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    // Anything an interruption left running.
                                    started.system.close();
                                    started.keycloak.close();
                                    started.traces.close();
                                },
                                "e2e-system-stop"));
        return started;
    }

    /** Tracing on, exported over OTLP/HTTP to {@code receiver}: the one switch and the endpoint. */
    private static Map<String, String> tracing(OtlpReceiver receiver) {
        return Map.of(
                "CARESIGNAL_TRACING",
                "on",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                receiver.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "http/protobuf");
    }

    private static Map<String, String> with(Map<String, String> first, Map<String, String> more) {
        var all = new HashMap<>(first);
        all.putAll(more);
        return all;
    }

    /** An access token of the {@code role}'s demo user (a password grant of caresignal-cli). */
    String token(String role) {
        return keycloak.demoToken(role);
    }
}
