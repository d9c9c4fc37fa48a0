package org.caresignal.sentiment.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.EventShapes;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MentionIngestedConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject ScoredMentionRepository repository;
    @Inject MeterRegistry registry;
    @Inject SentimentScorer scorer;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void goldenMentionIsStoredAndPublishedKeyedByBrandWithTheGoldenFields() throws Exception {
        var mentionId = UUID.randomUUID();
        double scoredBefore = scoredCount();

        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), ingested(mentionId));

        var record = scoredRecords(mentionId, 1).get(0);
        assertThat(record.key()).isEqualTo(Mentions.brandId());
        var published = JSON.readTree(record.value());
        assertThat(EventShapes.shape(published))
                .isEqualTo(EventShapes.shape(Mentions.golden("MentionScored")));
        assertThat(published.get("eventType").asText()).isEqualTo("MentionScored");
        assertThat(published.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(published.get("eventId").asText())
                .isEqualTo(
                        ScoredMention.scoredEventId(mentionId, scorer.modelVersion()).toString());
        assertThat(published.get("modelVersion").asText())
                .isEqualTo(scorer.modelVersion())
                .isEqualTo(Mentions.golden("MentionScored").get("modelVersion").asText());
        assertThat(published.get("aspects"))
                .extracting(a -> a.get("aspect").asText())
                .contains("emergency-wait");
        assertThat(published.get("score").asDouble()).isBetween(-1.0, 1.0);

        var golden = Mentions.golden("MentionIngested");
        var row = find(mentionId);
        assertThat(row.aspects).extracting(a -> a.aspect).contains("emergency-wait");
        assertThat(row.uncertain).isEqualTo(published.get("uncertain").asBoolean());
        assertThat(row.brandId).isEqualTo(golden.get("brandId").asText());
        assertThat(row.facilityId).isEqualTo(golden.get("facilityId").asText());
        assertThat(row.externalId).isEqualTo(golden.get("externalId").asText());
        assertThat(row.text).isEqualTo(golden.get("text").asText());
        assertThat(row.publishedAt).isEqualTo(Instant.parse(golden.get("publishedAt").asText()));
        assertThat(row.label.name()).isEqualTo(published.get("label").asText());
        assertThat(row.score).isEqualTo(published.get("score").asDouble());
        assertThat(row.scoredAt).isEqualTo(Instant.parse(published.get("occurredAt").asText()));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(scoredCount()).isGreaterThanOrEqualTo(scoredBefore + 1));
    }

    @Test
    void aPostInALanguageTheModelDoesNotReadIsKeptNeutralAndUncertainWithItsLanguage()
            throws Exception {
        var mentionId = UUID.randomUUID();
        var event = Mentions.ingested(mentionId);
        event.put("text", "Seis horas esperando en urgencias de Riverside North. Una vergüenza.");
        event.put("language", "es");

        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), event.toString());

        var published = JSON.readTree(scoredRecords(mentionId, 1).get(0).value());
        assertThat(published.get("language").asText()).isEqualTo("es");
        assertThat(published.get("label").asText()).isEqualTo("NEUTRAL");
        assertThat(published.get("uncertain").asBoolean()).isTrue();
        assertThat(published.get("aspects")).isEmpty();
        var row = find(mentionId);
        assertThat(row.language).isEqualTo("es");
        assertThat(row.uncertain).isTrue();
    }

    @Test
    void anEventFromBeforeLanguageDetectionIsScoredAsEnglish() throws Exception {
        var mentionId = UUID.randomUUID();
        var event = Mentions.ingested(mentionId);
        event.remove("language");
        event.put("text", "Terrible, rude staff and a six hour wait at Riverside North ER. Awful.");

        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), event.toString());

        var published = JSON.readTree(scoredRecords(mentionId, 1).get(0).value());
        assertThat(published.get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(published.get("language").isNull()).isTrue();
        assertThat(find(mentionId).language).isNull();
    }

    @Test
    void redeliveredMentionIsStoredOnceAndRepublishedWithTheSameEventId() throws Exception {
        var mentionId = UUID.randomUUID();
        var event = ingested(mentionId);
        double skippedBefore = skippedCount();

        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), event);
        scoredRecords(mentionId, 1);
        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), event);

        var records = scoredRecords(mentionId, 2);
        assertThat(records).hasSize(2);
        var first = JSON.readTree(records.get(0).value());
        var second = JSON.readTree(records.get(1).value());
        assertThat(second).isEqualTo(first);
        assertThat(rowCount(mentionId)).isEqualTo(1);
        assertThat(skippedCount()).isEqualTo(skippedBefore + 1);
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextRecordIsStillProcessed() {
        var malformedMarker = UUID.randomUUID();
        var withoutText = UUID.randomUUID();
        var valid = UUID.randomUUID();
        double deadLettersBefore = deadLetters();

        kafka.send(
                KafkaTestClient.INGESTED, Mentions.brandId(), Mentions.malformed(malformedMarker));
        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingestedWithout(withoutText, "text").toString());
        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), ingested(valid));

        scoredRecords(valid, 1);
        assertThat(find(valid).label).isIn((Object[]) SentimentLabel.values());
        var dead =
                kafka.awaitRecords(
                        KafkaTestClient.INGESTED_DLQ,
                        r ->
                                r.value().contains(malformedMarker.toString())
                                        || r.value().contains(withoutText.toString()),
                        2);
        assertThat(dead).hasSize(2);
        assertThat(dead)
                .allSatisfy(
                        r -> assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull());
        assertThat(rowCount(malformedMarker)).isZero();
        assertThat(rowCount(withoutText)).isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(deadLetters())
                                        .isGreaterThanOrEqualTo(deadLettersBefore + 2));
    }

    @Test
    void theQueueDepthReturnsToZeroOnceTheMentionIsScored() {
        var valid = UUID.randomUUID();
        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), ingested(valid));
        scoredRecords(valid, 1);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                registry.get("caresignal.consumer.in.flight")
                                                        .tag("topic", KafkaTestClient.INGESTED)
                                                        .gauge()
                                                        .value())
                                        .isZero());
    }

    @Test
    void everyRequiredFieldIsEnforced() {
        var ids = new LinkedHashMap<UUID, String>();
        for (var field : new String[] {"brandId", "publishedAt", "source"}) {
            ids.put(UUID.randomUUID(), field);
        }
        ids.forEach(
                (id, field) ->
                        kafka.send(
                                KafkaTestClient.INGESTED,
                                Mentions.brandId(),
                                Mentions.ingestedWithout(id, field).toString()));

        var dead =
                kafka.awaitRecords(
                        KafkaTestClient.INGESTED_DLQ,
                        r ->
                                ids.keySet().stream()
                                        .anyMatch(id -> r.value().contains(id.toString())),
                        ids.size());
        assertThat(dead).hasSize(ids.size());
        ids.keySet().forEach(id -> assertThat(rowCount(id)).isZero());
    }

    private static String ingested(UUID mentionId) {
        return Mentions.ingested(mentionId).toString();
    }

    private List<ConsumerRecord<String, String>> scoredRecords(UUID mentionId, int count) {
        return kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> mentionIdOf(r).equals(mentionId.toString()), count);
    }

    private static String mentionIdOf(ConsumerRecord<String, String> record) {
        try {
            JsonNode node = JSON.readTree(record.value());
            return node.path("mentionId").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private ScoredMention find(UUID mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.findByIdOptional(mentionId).orElseThrow());
    }

    private long rowCount(UUID mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.count("mentionId", mentionId));
    }

    private double deadLetters() {
        return registry.get("caresignal.dead.letters")
                .tag("topic", KafkaTestClient.INGESTED_DLQ)
                .counter()
                .count();
    }

    private double scoredCount() {
        return registry.find("caresignal.mentions.scored").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double skippedCount() {
        return registry.get("caresignal.mentions.rescored.skipped").counter().count();
    }
}
