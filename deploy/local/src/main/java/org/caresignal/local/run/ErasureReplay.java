package org.caresignal.local.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@code MentionErased} again for every erasure ingest-service recorded since a given
 * time, read from its database ({@code erasure}, {@code erasure_mention}): after a database of
 * sentiment- or alert-service was restored from a backup older than some erasures, they erase their
 * restored copies again (docs/operations.md, "Backups").
 */
// Safe because both consumers apply an erasure idempotently and confirm it again; the event
// carries ids only, as the one ingest published (docs/events/MentionErased.v1.json).
public final class ErasureReplay {

    public static final String TOPIC = "mentions.erased.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where to read and publish, and from when. */
    public record Options(
            String jdbcUrl,
            String user,
            String password,
            String bootstrapServers,
            Instant since,
            boolean dryRun) {

        public Options {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                throw new IllegalArgumentException("--jdbc-url is required");
            }
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            if (since == null) {
                throw new IllegalArgumentException(
                        "--since is required (ISO-8601, e.g. 2026-11-30T00:00:00Z)");
            }
        }

        /**
         * Parses {@code --jdbc-url URL [--user U] --bootstrap-servers H:P --since INSTANT
         * [--dry-run]}; the password comes from {@code INGEST_DB_PASSWORD}, never the command line.
         */
        public static Options parse(Map<String, String> env, String... args) {
            String jdbcUrl = env.get("INGEST_DB_URL");
            String user = env.getOrDefault("INGEST_DB_USER", "ingest");
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            Instant since = null;
            boolean dryRun = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--jdbc-url" -> jdbcUrl = value(args, ++i);
                    case "--user" -> user = value(args, ++i);
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i);
                    case "--since" -> {
                        var text = value(args, ++i);
                        try {
                            since = Instant.parse(text);
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException(
                                    "--since must be an ISO-8601 instant such as"
                                            + " 2026-11-30T00:00:00Z");
                        }
                    }
                    case "--dry-run" -> dryRun = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(
                    jdbcUrl, user, env.get("INGEST_DB_PASSWORD"), bootstrap, since, dryRun);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        @Override
        public String toString() {
            // Never print the password.
            return "Options[" + jdbcUrl + ", " + bootstrapServers + ", since " + since + "]";
        }
    }

    /** One recorded erasure and the mentions it named. */
    record Erasure(UUID id, List<Map<String, String>> mentions) {}

    private ErasureReplay() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(
                    "usage: erasure-replay --jdbc-url jdbc:postgresql://HOST:5432/ingest [--user"
                            + " ingest] --bootstrap-servers HOST:PORT --since 2026-11-30T00:00:00Z"
                            + " [--dry-run]   (password in INGEST_DB_PASSWORD)");
            System.exit(2);
            return;
        }
        int published = replay(options, Clock.systemUTC());
        System.out.printf(
                "%s MentionErased for %d erasure(s) requested since %s to %s%n",
                options.dryRun() ? "Would publish" : "Published",
                published,
                options.since(),
                TOPIC);
    }

    /**
     * Publishes one {@code MentionErased} per erasure requested at or after {@code since} that
     * named at least one mention (one that named none has nothing to erase), oldest first.
     *
     * @return how many events were (or, for a dry run, would be) published
     */
    public static int replay(Options options, Clock clock)
            throws SQLException, InterruptedException, ExecutionException {
        var erasures = read(options);
        if (options.dryRun() || erasures.isEmpty()) {
            return erasures.size();
        }
        try (var producer = new KafkaProducer<String, String>(producerConfig(options))) {
            var sends = new ArrayList<Future<RecordMetadata>>();
            for (var erasure : erasures) {
                sends.add(
                        producer.send(
                                new ProducerRecord<>(
                                        TOPIC,
                                        erasure.id().toString(),
                                        event(erasure, UUID.randomUUID(), clock.instant()))));
            }
            producer.flush();
            for (var send : sends) {
                // Throws if the broker refused one, so the operator sees it and runs it again.
                send.get();
            }
        }
        return erasures.size();
    }

    static List<Erasure> read(Options options) throws SQLException {
        var erasures = new LinkedHashMap<UUID, Erasure>();
        try (var connection =
                        DriverManager.getConnection(
                                options.jdbcUrl(), options.user(), options.password());
                var statement =
                        connection.prepareStatement(
                                "select e.erasure_id, m.mention_id, m.brand_id"
                                        + " from erasure e"
                                        + " join erasure_mention m on m.erasure_id = e.erasure_id"
                                        + " where e.requested_at >= ?"
                                        + " order by e.requested_at, e.erasure_id, m.mention_id")) {
            statement.setTimestamp(1, Timestamp.from(options.since()));
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    var id = rs.getObject(1, UUID.class);
                    var mention = new LinkedHashMap<String, String>();
                    mention.put("mentionId", rs.getObject(2, UUID.class).toString());
                    mention.put("brandId", rs.getString(3));
                    erasures.computeIfAbsent(id, k -> new Erasure(k, new ArrayList<>()))
                            .mentions()
                            .add(mention);
                }
            }
        }
        return List.copyOf(erasures.values());
    }

    /** The event as ingest-service publishes it: envelope, erasure id, reason, mention ids. */
    static String event(Erasure erasure, UUID eventId, Instant now) {
        var event = new LinkedHashMap<String, Object>();
        event.put("eventId", eventId.toString());
        event.put("eventType", "MentionErased");
        event.put("schemaVersion", 1);
        event.put("occurredAt", now.toString());
        event.put("erasureId", erasure.id().toString());
        event.put("reason", "REQUEST");
        event.put("mentions", erasure.mentions());
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write MentionErased", e);
        }
    }

    private static Properties producerConfig(Options options) {
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }
}
