package org.caresignal.sentiment.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.EventShapes;
import org.caresignal.sentiment.support.FlakyErasures;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * MentionErased in (consumer contract: the golden file), the mention's text, URL, external id and
 * aspects gone with its verdict kept, ErasureConfirmed out (producer contract: exactly the golden
 * fields); idempotent, poison dead-lettered, an erased mention arriving later skipped.
 */
@QuarkusTest
class MentionErasedConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject ScoredMentionRepository repository;
    @Inject EntityManager entityManager;
    @Inject MeterRegistry registry;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void anErasureRemovesTextLinksAndAspectsKeepsTheVerdictAndIsConfirmedWithTheGoldenFields()
            throws Exception {
        var held = store("parking:NEGATIVE", "staff:NEGATIVE");
        var kept = store("food:POSITIVE");
        var notHeld = UUID.randomUUID();
        var erasureId = UUID.randomUUID();

        kafka.send(
                KafkaTestClient.ERASED,
                erasureId.toString(),
                Mentions.erased(erasureId, held.mentionId, notHeld).toString());

        var record = confirmations(erasureId, 1).get(0);
        assertThat(record.key()).isEqualTo(erasureId.toString());
        var confirmed = JSON.readTree(record.value());
        assertThat(EventShapes.shape(confirmed))
                .isEqualTo(EventShapes.shape(Mentions.golden("ErasureConfirmed")));
        assertThat(confirmed.get("eventType").asText()).isEqualTo("ErasureConfirmed");
        assertThat(confirmed.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(confirmed.get("erasureId").asText()).isEqualTo(erasureId.toString());
        assertThat(confirmed.get("service").asText()).isEqualTo("sentiment-service");
        assertThat(confirmed.get("erased").asInt()).isEqualTo(1);
        assertThat(confirmed.get("deliveries")).isEmpty();
        Instant.parse(confirmed.get("occurredAt").asText());
        UUID.fromString(confirmed.get("eventId").asText());

        var row = find(held.mentionId);
        assertThat(row.text).isNull();
        assertThat(row.url).isNull();
        assertThat(row.externalId).isNull();
        assertThat(row.aspects).isEmpty();
        assertThat(row.erasedAt).isNotNull();
        assertThat(row.label).isEqualTo(held.label);
        assertThat(row.score).isEqualTo(held.score);
        assertThat(row.brandId).isEqualTo(held.brandId);
        assertThat(row.facilityId).isEqualTo(held.facilityId);
        assertThat(row.publishedAt).isEqualTo(held.publishedAt);
        assertThat(aspectRows(held.mentionId)).isZero();
        assertThat(tombstones(held.mentionId, notHeld)).isEqualTo(2);

        var untouched = find(kept.mentionId);
        assertThat(untouched.text).isEqualTo(kept.text);
        assertThat(untouched.url).isEqualTo(kept.url);
        assertThat(untouched.aspects).hasSize(1);
        assertThat(untouched.erasedAt).isNull();
    }

    @Test
    void theSameErasureAgainChangesNothingAndConfirmsAgainWithTheSameCount() throws Exception {
        var held = store("parking:NEGATIVE");
        var erasureId = UUID.randomUUID();
        var event = Mentions.erased(erasureId, held.mentionId).toString();

        kafka.send(KafkaTestClient.ERASED, erasureId.toString(), event);
        confirmations(erasureId, 1);
        var erasedAt = find(held.mentionId).erasedAt;
        kafka.send(KafkaTestClient.ERASED, erasureId.toString(), event);

        var records = confirmations(erasureId, 2);
        var first = JSON.readTree(records.get(0).value());
        var second = JSON.readTree(records.get(1).value());
        assertThat(second.get("erased").asInt()).isEqualTo(1);
        assertThat(second.get("eventId")).isEqualTo(first.get("eventId"));
        assertThat(find(held.mentionId).erasedAt).isEqualTo(erasedAt);
        assertThat(tombstones(held.mentionId)).isEqualTo(1);
    }

    @Test
    void aMentionArrivingAfterItsErasureIsAcknowledgedNeitherStoredNorPublished() throws Exception {
        var neverSeen = UUID.randomUUID();
        var held = store("parking:NEGATIVE");
        var erasureId = UUID.randomUUID();
        kafka.send(
                KafkaTestClient.ERASED,
                erasureId.toString(),
                Mentions.erased(erasureId, neverSeen, held.mentionId).toString());
        confirmations(erasureId, 1);
        double skippedBefore = erasedSkipped();

        // A dead letter replayed, and a redelivery of the held mention.
        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(neverSeen).toString());
        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(held.mentionId).toString());

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(erasedSkipped()).isEqualTo(skippedBefore + 2));
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(() -> repository.count("mentionId", neverSeen)))
                .isZero();
        var row = find(held.mentionId);
        assertThat(row.text).isNull();
        assertThat(row.aspects).isEmpty();
        assertThat(
                        kafka.readAll(KafkaTestClient.SCORED).stream()
                                .filter(
                                        r ->
                                                r.value().contains(neverSeen.toString())
                                                        || r.value()
                                                                .contains(
                                                                        held.mentionId.toString())))
                .isEmpty();
    }

    @Test
    void unreadableErasuresAreDeadLetteredAndTheNextIsStillApplied() throws Exception {
        var malformedMarker = UUID.randomUUID();
        var withoutErasureId = Mentions.erased(UUID.randomUUID(), UUID.randomUUID());
        var marker = withoutErasureId.get("eventId").asText();
        withoutErasureId.remove("erasureId");
        var held = store();
        var erasureId = UUID.randomUUID();

        kafka.send(
                KafkaTestClient.ERASED, "x", "{\"erasureId\": \"" + malformedMarker + "\", oops");
        kafka.send(KafkaTestClient.ERASED, "y", withoutErasureId.toString());
        kafka.send(
                KafkaTestClient.ERASED,
                erasureId.toString(),
                Mentions.erased(erasureId, held.mentionId).toString());

        assertThat(JSON.readTree(confirmations(erasureId, 1).get(0).value()).get("erased").asInt())
                .isEqualTo(1);
        var dead =
                kafka.awaitRecords(
                        KafkaTestClient.ERASED_DLQ,
                        r ->
                                r.value().contains(malformedMarker.toString())
                                        || r.value().contains(marker),
                        2);
        assertThat(dead).hasSize(2);
        assertThat(dead)
                .allSatisfy(
                        r -> assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull());
    }

    @Test
    void aDatabaseOutageIsWaitedOutPastTheBoundedRetriesAndTheErasureAppliedNotDeadLettered()
            throws Exception {
        var held = store("parking:NEGATIVE");
        var erasureId = UUID.randomUUID();
        int bounded =
                1
                        + ConfigProvider.getConfig()
                                .getValue(
                                        "quarkus.fault-tolerance.\""
                                                + OutageTolerantProcessing.class.getName()
                                                + "/attempt\".retry.max-retries",
                                        Integer.class);
        FlakyErasures.failNext(erasureId, bounded * 3);

        kafka.send(
                KafkaTestClient.ERASED,
                erasureId.toString(),
                Mentions.erased(erasureId, held.mentionId).toString());

        assertThat(JSON.readTree(confirmations(erasureId, 1).get(0).value()).get("erased").asInt())
                .isEqualTo(1);
        assertThat(FlakyErasures.calls(erasureId)).isEqualTo(bounded * 3 + 1);
        assertThat(find(held.mentionId).text).isNull();
        assertThat(kafka.readAll(KafkaTestClient.ERASED_DLQ))
                .noneMatch(r -> r.value().contains(erasureId.toString()));
    }

    private ScoredMention store(String... aspects) {
        var row =
                Mentions.scored(
                        Mentions.freshBrand(),
                        Instant.now()
                                .minus(Duration.ofDays(1))
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                        SentimentLabel.NEGATIVE,
                        -0.5,
                        "mastodon",
                        "Six hours in the ER, and Jane Roe's mother was left on a trolley.",
                        aspects);
        row.url = "https://mastodon.example/@jroe/" + row.mentionId;
        row.externalId = "ext-" + row.mentionId;
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private List<ConsumerRecord<String, String>> confirmations(UUID erasureId, int count) {
        return kafka.awaitRecords(
                KafkaTestClient.CONFIRMED, r -> erasureId.toString().equals(r.key()), count);
    }

    private ScoredMention find(UUID mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var row = repository.findByIdOptional(mentionId).orElseThrow();
                            entityManager.detach(row);
                            return row;
                        });
    }

    private long aspectRows(UUID mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (Long)
                                        entityManager
                                                .createNativeQuery(
                                                        "select count(*) from mention_aspect where"
                                                                + " mention_id = :id",
                                                        Long.class)
                                                .setParameter("id", mentionId)
                                                .getSingleResult());
    }

    private long tombstones(UUID... mentionIds) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (Long)
                                        entityManager
                                                .createNativeQuery(
                                                        "select count(*) from erased_mention where"
                                                                + " mention_id in (:ids)",
                                                        Long.class)
                                                .setParameter("ids", List.of(mentionIds))
                                                .getSingleResult());
    }

    private double erasedSkipped() {
        return registry.get("caresignal.mentions.erased.skipped").counter().count();
    }
}
