package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caresignal.alert.support.KafkaTestClient;
import org.caresignal.alert.support.ScoredMentions;
import org.caresignal.alert.support.Stats;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionScoredConsumerTest {

    @Inject MeterRegistry registry;
    @Inject AgroalDataSource dataSource;

    @Test
    void theGoldenMentionScoredIsCountedInItsBucketAndServed() {
        // Contract, consumer side: the golden file as the sentiment-service publishes it.
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.goldenFor(brand);

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, ScoredMentions.json(event));

        var stats = Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
        assertThat(stats.getString("brandId")).isEqualTo(brand);
        assertThat(stats.getInt("bucketMinutes")).isEqualTo(5);
        assertThat(stats.getMap("totals"))
                .isEqualTo(
                        Map.of(
                                "total", 1,
                                "negative", 1,
                                "neutral", 0,
                                "positive", 0,
                                // The golden event is certain, in English: every view agrees.
                                "uncertain", 0,
                                "unreadLanguage", 0,
                                "triggerTotal", 1,
                                "triggerNegative", 1));
        assertThat(stats.getList("buckets")).hasSize(1);
        assertThat(stats.getMap("buckets[0]"))
                .isEqualTo(
                        Map.of(
                                "start", ScoredMentions.GOLDEN_BUCKET.toString(),
                                "total", 1,
                                "negative", 1,
                                "neutral", 0,
                                "positive", 0,
                                "uncertain", 0,
                                "unreadLanguage", 0,
                                "triggerTotal", 1,
                                "triggerNegative", 1));
    }

    @Test
    void theSameEventDeliveredTwiceIsCountedOnce() {
        var brand = ScoredMentions.uniqueBrand();
        var event = ScoredMentions.json(ScoredMentions.goldenFor(brand));
        var duplicatesBefore = duplicates();

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, event, event);

        // Both records share the brand key, so the partition delivers them in order.
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() >= duplicatesBefore + 1);
        assertThat(Stats.goldenDay(brand).getInt("totals.total")).isEqualTo(1);
    }

    @Test
    void aRevisionOneEventMovesTheCountedMentionByExactlyOne() throws SQLException {
        // A correction in the sentiment-service republishes the mention with revision 1, a new
        // event id and its effective label; a redelivery of it changes nothing.
        var brand = ScoredMentions.uniqueBrand();
        var first = ScoredMentions.goldenFor(brand);
        KafkaTestClient.send(ScoredMentions.TOPIC, brand, ScoredMentions.json(first));
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.negative") == 1);
        var facilityBefore = facilityStats(brand);
        assertThat(facilityBefore)
                .isEqualTo(Map.of("total", 1, "negative", 1, "neutral", 0, "positive", 0));

        var corrected =
                first.deepCopy()
                        .put("eventId", UUID.randomUUID().toString())
                        .put("label", "POSITIVE")
                        .put("score", 0.4)
                        .put("revision", 1)
                        .put("corrected", true);
        var duplicatesBefore = duplicates();
        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                ScoredMentions.json(corrected),
                ScoredMentions.json(corrected));

        // The two records share the brand key, so the duplicate is handled after the move.
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() >= duplicatesBefore + 1);
        var stats = Stats.goldenDay(brand);
        assertThat(stats.getMap("totals"))
                .isEqualTo(
                        Map.of(
                                "total", 1,
                                "negative", 0,
                                "neutral", 0,
                                "positive", 1,
                                "uncertain", 0,
                                "unreadLanguage", 0,
                                "triggerTotal", 1,
                                "triggerNegative", 0));
        assertThat(stats.getMap("buckets[0]"))
                .isEqualTo(
                        Map.of(
                                "start", ScoredMentions.GOLDEN_BUCKET.toString(),
                                "total", 1,
                                "negative", 0,
                                "neutral", 0,
                                "positive", 1,
                                "uncertain", 0,
                                "unreadLanguage", 0,
                                "triggerTotal", 1,
                                "triggerNegative", 0));
        assertThat(facilityStats(brand))
                .isEqualTo(Map.of("total", 1, "negative", 0, "neutral", 0, "positive", 1));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextOneIsCounted() {
        var brand = ScoredMentions.uniqueBrand();
        var malformed = "{\"brandId\": \"" + brand + "\", not json";
        double deadLettersBefore = deadLetterCount();

        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                malformed,
                ScoredMentions.json(ScoredMentions.goldenFor(brand)));

        var dead = deadLetters(brand, malformed);
        assertThat(dead)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.key()).isEqualTo(brand);
                            assertThat(KafkaTestClient.header(r, "dead-letter-reason"))
                                    .contains("not valid JSON");
                        });
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(deadLetterCount())
                                        .isGreaterThanOrEqualTo(deadLettersBefore + 1));
        // Both records acknowledged (one by its dead letter): none left in flight.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                registry.get("caresignal.consumer.in.flight")
                                                        .tag("topic", ScoredMentions.TOPIC)
                                                        .gauge()
                                                        .value())
                                        .isZero());
    }

    private double deadLetterCount() {
        return registry.get("caresignal.dead.letters")
                .tag("topic", ScoredMentions.TOPIC + ".dlq")
                .counter()
                .count();
    }

    @Test
    void anUnknownLabelIsDeadLetteredAndNotCounted() {
        var brand = ScoredMentions.uniqueBrand();
        var unknown = ScoredMentions.withLabel(brand, "MIXED");

        KafkaTestClient.send(ScoredMentions.TOPIC, brand, unknown);

        assertThat(deadLetters(brand, unknown)).hasSize(1);
        assertThat(Stats.goldenDay(brand).getInt("totals.total")).isZero();
    }

    @Test
    void aRecordMissingARequiredFieldIsDeadLetteredAndTheNextOneIsCounted() {
        var brand = ScoredMentions.uniqueBrand();
        var withoutPublishedAt = ScoredMentions.without(brand, "publishedAt");

        KafkaTestClient.send(
                ScoredMentions.TOPIC,
                brand,
                withoutPublishedAt,
                ScoredMentions.json(ScoredMentions.goldenFor(brand)));

        assertThat(deadLetters(brand, withoutPublishedAt)).hasSize(1);
        Stats.awaitGoldenDay(brand, s -> s.getInt("totals.total") == 1);
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String brand, String value) {
        return KafkaTestClient.readUntil(
                ScoredMentions.DLQ, r -> brand.equals(r.key()), r -> value.equals(r.value()));
    }

    /**
     * The golden facility's counts in the golden bucket, read from its table (no API serves it).
     */
    private Map<String, Integer> facilityStats(String brand) throws SQLException {
        try (var c = dataSource.getConnection();
                var s =
                        c.prepareStatement(
                                "SELECT total, negative, neutral, positive FROM"
                                        + " facility_bucket_count WHERE brand_id = ? AND"
                                        + " facility_id = 'riverside-north' AND bucket_start = ?")) {
            s.setString(1, brand);
            s.setTimestamp(2, Timestamp.from(ScoredMentions.GOLDEN_BUCKET));
            try (var rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return Map.of(
                        "total", rows.getInt(1),
                        "negative", rows.getInt(2),
                        "neutral", rows.getInt(3),
                        "positive", rows.getInt(4));
            }
        }
    }

    private double duplicates() {
        return registry.get("caresignal.mentions.duplicates").counter().count();
    }
}
