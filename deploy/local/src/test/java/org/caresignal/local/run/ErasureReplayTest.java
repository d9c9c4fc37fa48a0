package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.PostgresServer;
import org.caresignal.local.stack.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restore, the erasures recorded in ingest's database since a given time are published
 * again, each as the MentionErased ingest publishes (the golden file's fields), keyed by erasure
 * id; older ones and ones that named no mention are not; a dry run only counts.
 */
class ErasureReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SINCE = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir static Path dir;
    private static PostgresServer postgres;
    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start(dir.resolve("postgres"), 0);
        postgres.ensureDatabase("ingest");
        broker = KafkaBroker.start(dir.resolve("kafka"), 0, 3);
        broker.ensureTopics(TestStack.TOPIC_RETENTION, 3);
        try (var connection =
                        DriverManager.getConnection(
                                postgres.jdbcUrl("ingest"), "ingest", "ingest");
                var statement = connection.createStatement()) {
            // The columns this tool reads, as ingest-service's V15 migration makes them.
            statement.execute(
                    "create table erasure (erasure_id uuid primary key, kind varchar(16) not null,"
                            + " requested_by_sub varchar(255) not null, requested_by varchar(255)"
                            + " not null, requested_at timestamptz not null, mention_count integer"
                            + " not null)");
            statement.execute(
                    "create table erasure_mention (erasure_id uuid not null references erasure,"
                            + " mention_id uuid not null, brand_id varchar(64) not null,"
                            + " primary key (erasure_id, mention_id))");
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theErasuresSinceTheGivenTimeArePublishedAgainAsIngestPublishesThem() throws Exception {
        var before = UUID.randomUUID();
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        var empty = UUID.randomUUID();
        var m1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
        var m2 = UUID.fromString("00000000-0000-0000-0000-000000000002");
        var m3 = UUID.fromString("00000000-0000-0000-0000-000000000003");
        erasure(before, SINCE.minus(Duration.ofSeconds(1)), Map.of(UUID.randomUUID(), "a"));
        erasure(second, SINCE.plus(Duration.ofHours(2)), Map.of(m3, "riverside-health"));
        erasure(first, SINCE, Map.of(m2, "riverside-health", m1, "lakeside"));
        erasure(empty, SINCE.plus(Duration.ofHours(3)), Map.of());

        var dryRun = options("--dry-run");
        assertThat(ErasureReplay.replay(dryRun, Clock.systemUTC())).isEqualTo(2);

        var now = Instant.parse("2026-12-02T10:00:00Z");
        int published = ErasureReplay.replay(options(), Clock.fixed(now, ZoneOffset.UTC));

        assertThat(published).isEqualTo(2);
        var records = readAll(2);
        // Nothing was sent by the dry run: exactly the two of the real run.
        assertThat(records)
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(first.toString(), second.toString());
        var golden =
                JSON.readTree(Files.readString(Path.of("../../docs/events/MentionErased.v1.json")));
        for (var record : records) {
            var event = JSON.readTree(record.value());
            assertThat(fieldNames(event)).isEqualTo(fieldNames(golden));
            assertThat(fieldNames(event.get("mentions").get(0)))
                    .isEqualTo(fieldNames(golden.get("mentions").get(0)));
            assertThat(event.get("eventType").asText()).isEqualTo("MentionErased");
            assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(event.get("reason").asText()).isEqualTo("REQUEST");
            assertThat(event.get("occurredAt").asText()).isEqualTo(now.toString());
            assertThat(event.get("erasureId").asText()).isEqualTo(record.key());
            UUID.fromString(event.get("eventId").asText());
        }
        var firstEvent =
                JSON.readTree(
                        records.stream()
                                .filter(r -> r.key().equals(first.toString()))
                                .findFirst()
                                .orElseThrow()
                                .value());
        assertThat(firstEvent.get("mentions").toString())
                .isEqualTo(
                        "[{\"mentionId\":\""
                                + m1
                                + "\",\"brandId\":\"lakeside\"},{\"mentionId\":\""
                                + m2
                                + "\",\"brandId\":\"riverside-health\"}]");
    }

    @Test
    void optionsNeedWhereAndSinceAndNeverPrintThePassword() {
        var env = Map.of("INGEST_DB_PASSWORD", "s3cret", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        var parsed =
                ErasureReplay.Options.parse(
                        env,
                        "--jdbc-url",
                        "jdbc:postgresql://db/ingest",
                        "--since",
                        SINCE.toString());
        assertThat(parsed.user()).isEqualTo("ingest");
        assertThat(parsed.password()).isEqualTo("s3cret");
        assertThat(parsed.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(parsed.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> ErasureReplay.Options.parse(env, "--jdbc-url", "jdbc:x"))
                .hasMessageContaining("--since");
        assertThatThrownBy(
                        () ->
                                ErasureReplay.Options.parse(
                                        env, "--jdbc-url", "jdbc:x", "--since", "yesterday"))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> ErasureReplay.Options.parse(env, "--since", SINCE.toString()))
                .hasMessageContaining("--jdbc-url");
    }

    private static ErasureReplay.Options options(String... more) {
        var args = new ArrayList<>(List.of("--jdbc-url", postgres.jdbcUrl("ingest"), "--since"));
        args.add(SINCE.toString());
        args.addAll(List.of(more));
        return ErasureReplay.Options.parse(
                Map.of(
                        "INGEST_DB_PASSWORD",
                        "ingest",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        broker.bootstrapServers()),
                args.toArray(String[]::new));
    }

    private static void erasure(UUID id, Instant at, Map<UUID, String> mentions) throws Exception {
        try (var connection =
                DriverManager.getConnection(postgres.jdbcUrl("ingest"), "ingest", "ingest")) {
            try (var insert =
                    connection.prepareStatement(
                            "insert into erasure values (?, 'URL', 'sub', 'demo-admin', ?, ?)")) {
                insert.setObject(1, id);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setInt(3, mentions.size());
                insert.executeUpdate();
            }
            for (var mention : mentions.entrySet()) {
                try (var insert =
                        connection.prepareStatement(
                                "insert into erasure_mention values (?, ?, ?)")) {
                    insert.setObject(1, id);
                    insert.setObject(2, mention.getKey());
                    insert.setString(3, mention.getValue());
                    insert.executeUpdate();
                }
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** Reads the topic from the start for a while, expecting {@code expected} records. */
    private static List<ConsumerRecord<String, String>> readAll(int expected) {
        var records = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(ErasureReplay.TOPIC));
            // Polls a little past the expected count, so a surplus record would be seen too.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    records.add(record);
                }
                if (records.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return records;
    }
}
