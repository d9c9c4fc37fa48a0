package org.caresignal.local.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.caresignal.local.stack.IdentitySecrets;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.KeycloakServer;
import org.caresignal.local.stack.PostgresServer;
import org.caresignal.local.stack.TestStack;
import org.caresignal.local.stack.TopicPartitions;

/**
 * The one-command local run: PostgreSQL, Keycloak, a Kafka broker and the three services, with data
 * kept in one directory between runs (Keycloak's users and sessions in PostgreSQL, its generated
 * secrets in {@value #IDENTITY_FILE}), a demo stream fed in, and everything stopped on Ctrl-C.
 */
public final class LocalRun {

    /** Where the demo users' passwords and the other identity secrets are kept (mode 600). */
    static final String IDENTITY_FILE = "identity.properties";

    static final int KEYCLOAK_MANAGEMENT_PORT = 19000;

    static final String KEYCLOAK_DATABASE = "keycloak";

    private LocalRun() {}

    /** Command-line options of {@code deploy/local/run}. */
    record Options(
            Path repoRoot,
            Path dataDir,
            boolean wipe,
            boolean demo,
            int kafkaPort,
            int postgresPort,
            int keycloakPort) {

        static Options parse(String[] args) {
            var repo = Path.of("").toAbsolutePath();
            Path data = null;
            boolean wipe = false;
            boolean demo = true;
            int kafkaPort = 9092;
            int postgresPort = 5432;
            int keycloakPort = 18080;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--wipe" -> wipe = true;
                    case "--no-demo" -> demo = false;
                    case "--data-dir" -> data = Path.of(value(args, ++i, "--data-dir"));
                    case "--repo" -> repo = Path.of(value(args, ++i, "--repo")).toAbsolutePath();
                    case "--kafka-port" ->
                            kafkaPort = Integer.parseInt(value(args, ++i, "--kafka-port"));
                    case "--postgres-port" ->
                            postgresPort = Integer.parseInt(value(args, ++i, "--postgres-port"));
                    case "--keycloak-port" ->
                            keycloakPort = Integer.parseInt(value(args, ++i, "--keycloak-port"));
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option " + args[i] + "\n" + USAGE);
                }
            }
            return new Options(
                    repo,
                    data == null ? repo.resolve(".data") : data.toAbsolutePath(),
                    wipe,
                    demo,
                    kafkaPort,
                    postgresPort,
                    keycloakPort);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            return args[i];
        }
    }

    static final String USAGE =
            """
            usage: deploy/local/run [--wipe] [--no-demo] [--data-dir DIR] [--kafka-port N] [--postgres-port N]
                                    [--keycloak-port N]
              --wipe          delete the data directory first (default data directory: .data/)
              --no-demo       do not feed the demo stream
            """;

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // Kafka's threads would keep this JVM up after a failed start: exit, which runs the
            // shutdown hook that stops what did start.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.wipe()) {
            deleteRecursively(options.dataDir());
            say("Wiped " + options.dataDir());
        }
        var logs = options.dataDir().resolve("logs");
        Files.createDirectories(logs);
        // Kafka and PostgreSQL log through slf4j-simple; keep that out of the terminal.
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("stack.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");

        var stopped = new CountDownLatch(1);
        var running = new Running();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    say("Stopping CareSignal...");
                                    running.close();
                                    say("Stopped; data kept in " + options.dataDir());
                                    stopped.countDown();
                                },
                                "caresignal-stop"));

        var started = System.nanoTime();
        // Made once per data directory, like the database they belong with.
        var identity = IdentitySecrets.loadOrCreate(options.dataDir().resolve(IDENTITY_FILE));
        var keycloakHome =
                KeycloakServer.unpacked(options.repoRoot().resolve("deploy/local/target/keycloak"));

        say("Starting PostgreSQL on port " + options.postgresPort() + "...");
        running.postgres =
                PostgresServer.start(options.dataDir().resolve("postgres"), options.postgresPort());
        var postgres = running.postgres;
        for (var db : new String[] {"ingest", "sentiment", "alert"}) {
            postgres.ensureDatabase(db);
        }
        if (identity.created()) {
            // A realm kept from other secrets would not take these passwords: start it afresh.
            postgres.dropDatabase(KEYCLOAK_DATABASE);
        }
        postgres.ensureDatabase(KEYCLOAK_DATABASE);

        say(
                "Starting Keycloak on port "
                        + options.keycloakPort()
                        + " (realm "
                        + KeycloakServer.REALM
                        + ", log "
                        + logs.resolve("keycloak.log")
                        + ")...");
        running.keycloak =
                KeycloakServer.start(
                        new KeycloakServer.Settings(
                                keycloakHome,
                                options.keycloakPort(),
                                KEYCLOAK_MANAGEMENT_PORT,
                                postgres.jdbcUrl(KEYCLOAK_DATABASE),
                                KEYCLOAK_DATABASE,
                                // Password = name, as for every database of this loopback-only
                                // server.
                                KEYCLOAK_DATABASE,
                                CareSignalSystem.Ports.FIXED.dashboardUrl(),
                                identity,
                                logs.resolve("keycloak.log")));
        var keycloak = running.keycloak;

        // Kafka starts in this JVM while Keycloak starts in its own.
        say("Starting Kafka (KRaft) on port " + options.kafkaPort() + "...");
        int partitions = TopicPartitions.fromEnvironment();
        running.kafka =
                KafkaBroker.start(
                        options.dataDir().resolve("kafka"), options.kafkaPort(), partitions);
        // Also sets retention.ms on the topics of a data directory made by an older version.
        running.kafka.ensureTopics(TestStack.TOPIC_RETENTION, partitions);
        var grown = running.kafka.growPartitions(TestStack.TOPICS, partitions);
        if (!grown.isEmpty()) {
            say("Grew " + grown.size() + " topics to " + partitions + " partitions");
        }
        // Its first start creates its schema: minutes on a busy machine.
        keycloak.awaitReady(Duration.ofMinutes(6));

        say(
                "Starting ingest-service, sentiment-service and alert-service (logs in "
                        + logs
                        + ")...");
        running.system =
                CareSignalSystem.start(
                        options.repoRoot(),
                        running.kafka.bootstrapServers(),
                        db -> {
                            postgres.ensureDatabase(db);
                            return postgres.jdbcUrl(db);
                        },
                        CareSignalSystem.Ports.FIXED,
                        logs,
                        // Made once per data directory so that stored secrets open after a restart.
                        SecretsKeyFile.loadOrCreate(options.dataDir().resolve("secrets.keys")),
                        CareSignalSystem.Identity.of(keycloak.realmUrl(), identity));
        var system = running.system;
        var seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        var identityFile = options.dataDir().resolve(IDENTITY_FILE);
        say("");
        say("CareSignal is up (ready in " + seconds + " s):");
        if (identity.created()) {
            // Shown this once, on the terminal of whoever started the run; later only the file
            // says.
            say(
                    "  First start: one demo user per role, with generated passwords (shown only now):");
            for (var role : IdentitySecrets.ROLES) {
                say(
                        "    "
                                + String.format("%-16s", IdentitySecrets.demoUser(role))
                                + identity.password(role));
            }
        }
        say(
                "  console            "
                        + system.dashboardUrl()
                        + "   (sign in as demo-viewer, demo-analyst, demo-responder or demo-admin)");
        for (var line : consoleGuide(system.dashboardUrl(), options.demo())) {
            say(line);
        }
        say("  sign-in page       " + keycloak.realmUrl() + "/account");
        say("  demo passwords     " + identityFile + " (readable by you only)");
        say(
                "  a token            curl -H \"Authorization: Bearer $(deploy/local/token"
                        + " analyst)\" "
                        + system.sentimentUrl()
                        + "/api/mentions?brand="
                        + DemoFeeder.BRAND);
        say(
                "  Keycloak admin     "
                        + keycloak.url()
                        + "/admin/   (user "
                        + identity.adminUsername()
                        + ", password in the same file)");
        say("  ingest-service     " + system.ingestUrl() + "/api/brands");
        say("  sentiment-service  " + system.sentimentUrl() + "/api/mentions");
        say("  alert-service      " + system.alertUrl() + "/api/incidents");
        say(
                "  demo brand stats   "
                        + system.alertUrl()
                        + "/api/brands/"
                        + DemoFeeder.BRAND
                        + "/stats");
        var services = system.services();
        say(
                "  management         /q/health, /q/metrics, /q/openapi, /q/swagger-ui on ports "
                        + services.get(0).managementPort()
                        + " (ingest), "
                        + services.get(1).managementPort()
                        + " (sentiment), "
                        + services.get(2).managementPort()
                        + " (alert); Keycloak's /health on "
                        + keycloak.managementPort());
        say("  Kafka              " + running.kafka.bootstrapServers());
        say(
                "  PostgreSQL         "
                        + postgres.jdbcUrl("<ingest|sentiment|alert|keycloak>")
                        + " (user = password = db name)");
        say("  data and logs      " + options.dataDir());
        say("Press Ctrl-C to stop.");
        if (options.demo()) {
            say("Feeding the demo stream (" + DemoFeeder.RESOURCE + ")...");
            int accepted =
                    new DemoFeeder(
                                    system.ingestUrl(),
                                    system.ingestApiKey(),
                                    () -> keycloak.demoToken("admin"))
                            .feed(Instant.now(), 25);
            say(
                    "Demo stream fed: "
                            + accepted
                            + " mentions accepted; they are scored and counted within a minute or two.");
        }
        stopped.await();
    }

    /** What to open in the console once the demo stream is in, as printed under its URL. */
    static List<String> consoleGuide(String dashboardUrl, boolean demo) {
        if (!demo) {
            return List.of(
                    "                     (no demo stream: the pages fill as mentions arrive)");
        }
        var brand = "?brand=" + DemoFeeder.BRAND;
        return List.of(
                "    overview         "
                        + dashboardUrl
                        + brand
                        + "&range=24h   as demo-analyst: Riverside Health and both"
                        + " facilities, the ER episode at Riverside North in the last hour",
                "    a week           " + dashboardUrl + brand + "&range=7d",
                "    timeline         " + dashboardUrl + "/timeline" + brand + "&range=7d",
                "    mentions         "
                        + dashboardUrl
                        + "/mentions"
                        + brand
                        + "&q=ambulance   search, sort by amplification, correct a label",
                "    incidents        "
                        + dashboardUrl
                        + "/incidents   the SPIKE incidents of the episode; acknowledge them"
                        + " as demo-responder");
    }

    /** What has been started so far, stopped in reverse order. */
    private static final class Running {
        PostgresServer postgres;
        KeycloakServer keycloak;
        KafkaBroker kafka;
        CareSignalSystem system;

        synchronized void close() {
            if (system != null) {
                system.close();
                system = null;
            }
            if (kafka != null) {
                kafka.close();
                kafka = null;
            }
            if (keycloak != null) {
                keycloak.close();
                keycloak = null;
            }
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** Deletes a data directory and everything in it (the benchmark wipes its own the same way). */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
