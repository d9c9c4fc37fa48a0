package org.caresignal.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The stack on this machine: an in-JVM KRaft broker and an embedded PostgreSQL, both throw-away.
 */
final class EmbeddedTestStack implements TestStack {

    private final Path dir;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    EmbeddedTestStack() {
        try {
            dir = Files.createTempDirectory("caresignal-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // In the stack's directory, not a throw-away one: an outage test may stop and restart it.
        postgres = PostgresServer.start(dir.resolve("postgres"), 0);
        kafka = KafkaBroker.start(dir.resolve("kafka"), 0, PARTITIONS);
        kafka.ensureTopics(TOPIC_RETENTION, PARTITIONS);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String database(String name) {
        postgres.ensureDatabase(name);
        return postgres.jdbcUrl(name);
    }

    @Override
    public void stopDatabase() {
        postgres.stop();
    }

    @Override
    public void startDatabase() {
        postgres.startAgain();
    }

    @Override
    public String description() {
        return "embedded (Kafka "
                + kafka.bootstrapServers()
                + " in this JVM, PostgreSQL on port "
                + postgres.port()
                + ")";
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
