package org.caresignal.local.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.PostgresServer;
import org.caresignal.local.stack.TestStack;

/**
 * The one-command local run: PostgreSQL, a Kafka broker and the three services, with data kept in
 * one directory between runs, a demo stream fed in, and everything stopped on Ctrl-C.
 */
public final class LocalRun {

    private LocalRun() {}

    /** Command-line options of {@code deploy/local/run}. */
    record Options(
            Path repoRoot,
            Path dataDir,
            boolean wipe,
            boolean demo,
            int kafkaPort,
            int postgresPort) {

        static Options parse(String[] args) {
            var repo = Path.of("").toAbsolutePath();
            Path data = null;
            boolean wipe = false;
            boolean demo = true;
            int kafkaPort = 9092;
            int postgresPort = 5432;
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
                    postgresPort);
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
              --wipe          delete the data directory first (default data directory: .data/)
              --no-demo       do not feed the demo stream
            """;

    public static void main(String[] args) throws Exception {
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

        say("Starting PostgreSQL on port " + options.postgresPort() + "...");
        running.postgres =
                PostgresServer.start(options.dataDir().resolve("postgres"), options.postgresPort());
        for (var db : new String[] {"ingest", "sentiment", "alert"}) {
            running.postgres.ensureDatabase(db);
        }
        say("Starting Kafka (KRaft) on port " + options.kafkaPort() + "...");
        running.kafka =
                KafkaBroker.start(
                        options.dataDir().resolve("kafka"),
                        options.kafkaPort(),
                        TestStack.PARTITIONS);
        running.kafka.createTopics(TestStack.TOPICS, TestStack.PARTITIONS);

        say(
                "Starting ingest-service, sentiment-service and alert-service (logs in "
                        + logs
                        + ")...");
        var postgres = running.postgres;
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
                        SecretsKeyFile.loadOrCreate(options.dataDir().resolve("secrets.keys")));
        var system = running.system;
        say("");
        say("CareSignal is up:");
        say("  ingest-service     " + system.ingestUrl() + "/q/swagger-ui   (POST /api/mentions)");
        say(
                "                     POST /api/mentions needs an API key: create one with POST "
                        + system.ingestUrl()
                        + "/api/integrations {\"name\": \"me\"}");
        say(
                "  sentiment-service  "
                        + system.sentimentUrl()
                        + "/q/swagger-ui   (GET /api/mentions/{id})");
        say("  alert-service      " + system.alertUrl() + "/q/swagger-ui");
        say(
                "  demo brand stats   "
                        + system.alertUrl()
                        + "/api/brands/"
                        + DemoFeeder.BRAND
                        + "/stats");
        say("  Kafka              " + running.kafka.bootstrapServers());
        say(
                "  PostgreSQL         "
                        + postgres.jdbcUrl("<ingest|sentiment|alert>")
                        + " (user = password = db name)");
        say("  data and logs      " + options.dataDir());
        say("Press Ctrl-C to stop.");
        if (options.demo()) {
            say("Feeding the demo stream (" + DemoFeeder.RESOURCE + ")...");
            int accepted =
                    new DemoFeeder(system.ingestUrl(), system.ingestApiKey())
                            .feed(Instant.now(), 25);
            say(
                    "Demo stream fed: "
                            + accepted
                            + " mentions accepted; they are scored and counted within a minute or two.");
        }
        stopped.await();
    }

    /** What has been started so far, stopped in reverse order. */
    private static final class Running {
        PostgresServer postgres;
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
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void deleteRecursively(Path root) {
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
