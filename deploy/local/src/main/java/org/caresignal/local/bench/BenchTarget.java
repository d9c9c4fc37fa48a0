package org.caresignal.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.caresignal.local.run.CareSignalSystem;
import org.caresignal.local.run.DemoFeeder;
import org.caresignal.local.run.LocalRun;
import org.caresignal.local.run.SecretsKeyFile;
import org.caresignal.local.stack.IdentitySecrets;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.KeycloakServer;
import org.caresignal.local.stack.PostgresServer;
import org.caresignal.local.stack.TestStack;

/**
 * What the pipeline benchmark drives and watches: ingest-service's webhook with an integration's
 * key, the Kafka broker (for {@code mentions.scored.v1}), ingest's and alert-service's databases
 * (acceptance and counting times) and the processes to sample; either a stack of its own, started
 * as the local run starts one (PostgreSQL, Keycloak, Kafka KRaft, the three packaged services) in a
 * wiped data directory on free ports, or a running system given by URLs.
 */
public final class BenchTarget implements AutoCloseable {

    /** A process to sample: its metrics endpoint and, when it is a child of this JVM, its pid. */
    public record Sampled(String name, String metricsUrl, OptionalLong pid) {}

    /** A database to read, with the credentials of its owner. */
    public record Database(String jdbcUrl, String user, String password) {}

    private final String ingestUrl;
    private final String apiKey;
    private final String kafkaBootstrapServers;
    private final Database ingestDb;
    private final Database alertDb;
    private final List<Sampled> services;
    private final OptionalLong postgresPid;
    private final Optional<StatementStats> statements;
    private final List<AutoCloseable> owned;

    private BenchTarget(
            String ingestUrl,
            String apiKey,
            String kafkaBootstrapServers,
            Database ingestDb,
            Database alertDb,
            List<Sampled> services,
            OptionalLong postgresPid,
            Optional<StatementStats> statements,
            List<AutoCloseable> owned) {
        this.ingestUrl = ingestUrl;
        this.apiKey = apiKey;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.ingestDb = ingestDb;
        this.alertDb = alertDb;
        this.services = services;
        this.postgresPid = postgresPid;
        this.statements = statements;
        this.owned = owned;
    }

    /** A running system: nothing started, nothing stopped. */
    public static BenchTarget running(
            String ingestUrl,
            String apiKey,
            String kafkaBootstrapServers,
            Database ingestDb,
            Database alertDb,
            List<Sampled> services) {
        return new BenchTarget(
                ingestUrl,
                apiKey,
                kafkaBootstrapServers,
                ingestDb,
                alertDb,
                services,
                OptionalLong.empty(),
                Optional.empty(),
                List.of());
    }

    /**
     * Starts the whole system as {@code deploy/local/run} does, in {@code dataDir} (wiped first),
     * on free ports, and registers the demo brand (ingest-service refuses posts of an unknown
     * brand).
     *
     * @param statements whether PostgreSQL keeps per-statement statistics ({@link #statements()})
     */
    public static BenchTarget start(Path repoRoot, Path dataDir, boolean statements) {
        LocalRun.deleteRecursively(dataDir);
        var logs = dataDir.resolve("logs");
        var owned = new ArrayList<AutoCloseable>();
        try {
            Files.createDirectories(logs);
            System.setProperty(
                    "org.slf4j.simpleLogger.logFile", logs.resolve("stack.log").toString());
            var secrets = IdentitySecrets.generate();
            say("Starting PostgreSQL...");
            var pgDir = dataDir.resolve("postgres");
            var postgres =
                    PostgresServer.start(
                            pgDir, 0, statements ? StatementStats.SERVER_CONFIG : Map.of());
            owned.add(postgres);
            postgres.ensureDatabase("keycloak");
            var ports = CareSignalSystem.Ports.free();
            say("Starting Keycloak (log " + logs.resolve("keycloak.log") + ")...");
            var keycloak =
                    KeycloakServer.start(
                            new KeycloakServer.Settings(
                                    KeycloakServer.unpacked(
                                            repoRoot.resolve("deploy/local/target/keycloak")),
                                    KafkaBroker.freePort(),
                                    KafkaBroker.freePort(),
                                    postgres.jdbcUrl("keycloak"),
                                    "keycloak",
                                    "keycloak",
                                    ports.dashboardUrl(),
                                    secrets,
                                    logs.resolve("keycloak.log")));
            owned.add(keycloak);
            say("Starting Kafka (KRaft)...");
            var kafka = KafkaBroker.start(dataDir.resolve("kafka"), 0, TestStack.PARTITIONS);
            owned.add(kafka);
            kafka.ensureTopics(TestStack.TOPIC_RETENTION, TestStack.PARTITIONS);
            keycloak.awaitReady(Duration.ofMinutes(6));
            say(
                    "Starting ingest-service, sentiment-service and alert-service (logs in "
                            + logs
                            + ")...");
            var system =
                    CareSignalSystem.start(
                            repoRoot,
                            kafka.bootstrapServers(),
                            db -> {
                                postgres.ensureDatabase(db);
                                return postgres.jdbcUrl(db);
                            },
                            ports,
                            logs,
                            SecretsKeyFile.ephemeral(),
                            CareSignalSystem.Identity.of(keycloak.realmUrl(), secrets));
            owned.add(system);
            registerBrand(system.ingestUrl(), keycloak.demoToken("admin"));
            var sampled = new ArrayList<Sampled>();
            for (var service : system.services()) {
                sampled.add(
                        new Sampled(
                                service.name(),
                                service.managementUrl() + "/q/metrics",
                                OptionalLong.of(service.pid())));
            }
            // Stopped in reverse order of start.
            java.util.Collections.reverse(owned);
            return new BenchTarget(
                    system.ingestUrl(),
                    system.ingestApiKey(),
                    kafka.bootstrapServers(),
                    new Database(postgres.jdbcUrl("ingest"), "ingest", "ingest"),
                    new Database(postgres.jdbcUrl("alert"), "alert", "alert"),
                    List.copyOf(sampled),
                    postmasterPid(pgDir),
                    statements
                            ? Optional.of(new StatementStats(postgres::superuser))
                            : Optional.empty(),
                    List.copyOf(owned));
        } catch (IOException | RuntimeException e) {
            java.util.Collections.reverse(owned);
            closeAll(owned);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The demo's health system, with its two hospitals, as the local run registers it. */
    static void registerBrand(String ingestUrl, String adminToken) {
        try (var stream =
                BenchTarget.class.getClassLoader().getResourceAsStream(DemoFeeder.BRAND_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(
                        DemoFeeder.BRAND_RESOURCE + " is not on the classpath");
            }
            var body = new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            var request =
                    HttpRequest.newBuilder(URI.create(ingestUrl + "/api/brands"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + adminToken)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .timeout(Duration.ofSeconds(30))
                            .build();
            var response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException(
                        "the demo brand was refused ("
                                + response.statusCode()
                                + "): "
                                + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's main process, whose children are the connections' backends. */
    private static OptionalLong postmasterPid(Path pgDir) {
        try {
            var lines = Files.readAllLines(pgDir.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public String ingestUrl() {
        return ingestUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public Database ingestDb() {
        return ingestDb;
    }

    public Database alertDb() {
        return alertDb;
    }

    public List<Sampled> services() {
        return services;
    }

    /** PostgreSQL's postmaster when the benchmark started it. */
    public OptionalLong postgresPid() {
        return postgresPid;
    }

    /** PostgreSQL's per-statement statistics, when the benchmark's own server keeps them. */
    Optional<StatementStats> statements() {
        return statements;
    }

    /** Whether the benchmark started the stack (Kafka then runs in this JVM). */
    public boolean ownsStack() {
        return !owned.isEmpty();
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> things) {
        for (var thing : things) {
            try {
                thing.close();
            } catch (Exception e) {
                System.err.println("could not stop " + thing + ": " + e);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
