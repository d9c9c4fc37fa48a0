package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The real PostgreSQL of the running system is stopped for 60 s in the middle of a stream of
 * mentions: afterwards every mention is scored by sentiment-service and counted by alert-service
 * exactly once, and none reached a dead-letter topic. A second stream of MentionScored records, as
 * sentiment-service writes them, keeps alert-service's consumer busy during the outage too (the
 * first stream stops reaching it while sentiment-service waits).
 */
class DatabaseOutageIT {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageIT.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration AFTER = Duration.ofSeconds(10);
    private static final Duration EVERY = Duration.ofMillis(500);
    private static final List<String> TEXTS =
            List.of(
                    "Waited 6 hours in the ER last night. Staff were kind but overwhelmed.",
                    "The nurses on the maternity ward were wonderful.",
                    "Parking garage full again, missed my appointment.",
                    "Billing sent me three different bills for one visit.",
                    "Flu shot clinic was quick and friendly.");

    @Test
    void aSixtySecondDatabaseOutageMidStreamCostsTimeButNoMention() throws Exception {
        var e2e = E2eSystem.shared();
        var stack = e2e.stack;
        var rows = new BrandRows(stack, "");
        var kafka = new Kafka(stack.kafkaBootstrapServers());
        var brand = Incidents.uniqueBrand("e2e-outage");
        var scoredBrand = Incidents.uniqueBrand("e2e-outage-scored");
        var sent = new ArrayList<UUID>();
        var scoredSent = new ArrayList<UUID>();
        var streams =
                new Streams(
                        golden("MentionIngested"),
                        brand,
                        sent,
                        golden("MentionScored"),
                        scoredBrand,
                        scoredSent);

        try (var producer = kafka.producer()) {
            stream(producer, streams, BEFORE);
            int sentBefore = sent.size();
            int scoredBefore = rows.count("sentiment", "scored_mention", brand);
            int countedBefore = rows.count("alert", "counted_mention", brand);
            long stoppedAt = System.nanoTime();
            stack.stopDatabase();
            boolean restarted = false;
            try {
                stream(producer, streams, OUTAGE);
                stack.startDatabase();
                restarted = true;
            } finally {
                if (!restarted) {
                    stack.startDatabase();
                }
            }
            var down = Duration.ofNanos(System.nanoTime() - stoppedAt);
            int sentDuring = sent.size() - sentBefore;
            stream(producer, streams, AFTER);
            long backAt = System.nanoTime();

            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> rows.count("sentiment", "scored_mention", brand) == sent.size());
            var scoredIn = Duration.ofNanos(System.nanoTime() - backAt);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> rows.count("alert", "counted_mention", brand) == sent.size());
            var countedIn = Duration.ofNanos(System.nanoTime() - backAt);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    rows.count("alert", "counted_mention", scoredBrand)
                                            == scoredSent.size());
            LOG.info(
                    () ->
                            String.format(
                                    "Database outage: %d mentions sent (%d before the database"
                                            + " stopped, %d while it was down %d s, %d after);"
                                            + " %d scored and %d counted before it stopped;"
                                            + " all scored %d s and counted %d s after the"
                                            + " stream ended; %d MentionScored sent straight to"
                                            + " alert-service alongside, all counted",
                                    sent.size(),
                                    sentBefore,
                                    sentDuring,
                                    down.toSeconds(),
                                    sent.size() - sentBefore - sentDuring,
                                    scoredBefore,
                                    countedBefore,
                                    scoredIn.toSeconds(),
                                    countedIn.toSeconds(),
                                    scoredSent.size()));
            assertThat(down).isGreaterThanOrEqualTo(OUTAGE);
            // The stream went on while the database was away, so records were waiting.
            assertThat(sentDuring).isPositive();
            assertThat(scoredBefore).isPositive();
        }

        // Once each: one row per mention, and the buckets add up to the number of mentions.
        assertThat(rows.distinctMentions("sentiment", "scored_mention", brand))
                .isEqualTo(sent.size());
        assertThat(rows.distinctMentions("alert", "counted_mention", brand)).isEqualTo(sent.size());
        assertThat(rows.bucketTotal(brand)).isEqualTo(sent.size());
        assertThat(kafka.countKeyed("mentions.ingested.v1.dlq", brand)).isZero();
        assertThat(kafka.countKeyed("mentions.scored.v1.dlq", brand)).isZero();
        assertThat(rows.distinctMentions("alert", "counted_mention", scoredBrand))
                .isEqualTo(scoredSent.size());
        assertThat(rows.bucketTotal(scoredBrand)).isEqualTo(scoredSent.size());
        assertThat(kafka.countKeyed("mentions.scored.v1.dlq", scoredBrand)).isZero();
        // The identity provider shares the database: the tests after this one need it back.
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> !e2e.token("viewer").isBlank());
    }

    /** The two streams: MentionIngested for one brand, MentionScored for another. */
    private record Streams(
            ObjectNode golden,
            String brand,
            List<UUID> sent,
            ObjectNode goldenScored,
            String scoredBrand,
            List<UUID> scoredSent) {}

    /** Sends one mention of each stream every {@link #EVERY}, for {@code during}. */
    private static void stream(
            KafkaProducer<String, String> producer, Streams streams, Duration during)
            throws Exception {
        // One round at the start and one at each step until `during` has passed, so the stream
        // lasts all of it.
        var rounds = new CountDownLatch((int) (during.toMillis() / EVERY.toMillis()) + 1);
        var failure = new AtomicReference<Exception>();
        var pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            pacer.scheduleAtFixedRate(
                    () -> {
                        if (rounds.getCount() == 0 || failure.get() != null) {
                            return;
                        }
                        try {
                            sendOne(producer, streams);
                        } catch (Exception e) {
                            failure.set(e);
                        }
                        rounds.countDown();
                    },
                    0,
                    EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            var finished = rounds.await(during.toSeconds() + 60, TimeUnit.SECONDS);
            if (failure.get() != null) {
                throw failure.get();
            }
            assertThat(finished).as("the stream kept its pace").isTrue();
        } finally {
            pacer.shutdownNow();
            // The lists are read by the test thread next: wait for the last send to end.
            pacer.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static void sendOne(KafkaProducer<String, String> producer, Streams streams)
            throws Exception {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var text = TEXTS.get(streams.sent().size() % TEXTS.size());

        var mentionId = UUID.randomUUID();
        var event = streams.golden().deepCopy();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", now.toString());
        event.put("mentionId", mentionId.toString());
        event.put("brandId", streams.brand());
        event.put("externalId", "outage-" + mentionId);
        event.put("url", "https://social.example/@someone/" + mentionId);
        event.put("text", text);
        event.put("publishedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
        event.remove("repostOf");
        producer.send(
                        new ProducerRecord<>(
                                "mentions.ingested.v1", streams.brand(), event.toString()))
                .get();
        streams.sent().add(mentionId);

        var scoredId = UUID.randomUUID();
        var scored = streams.goldenScored().deepCopy();
        scored.put("eventId", UUID.randomUUID().toString());
        scored.put("occurredAt", now.toString());
        scored.put("mentionId", scoredId.toString());
        scored.put("brandId", streams.scoredBrand());
        scored.put("url", "https://social.example/@someone/" + scoredId);
        scored.put("text", text);
        scored.put("publishedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
        producer.send(
                        new ProducerRecord<>(
                                "mentions.scored.v1", streams.scoredBrand(), scored.toString()))
                .get();
        streams.scoredSent().add(scoredId);
    }

    private static ObjectNode golden(String event) throws IOException {
        return (ObjectNode)
                JSON.readTree(repo().resolve("docs/events/" + event + ".v1.json").toFile());
    }

    private static Path repo() {
        return Path.of(System.getProperty("caresignal.repo", "../..")).toAbsolutePath().normalize();
    }
}
