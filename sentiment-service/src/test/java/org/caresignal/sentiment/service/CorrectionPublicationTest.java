package org.caresignal.sentiment.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A change whose MentionScored the broker never acknowledged (the process died after the commit) is
 * published by the retry job with the same event id; an erasure takes a correction's note and
 * aspects and refuses further corrections.
 */
@QuarkusTest
class CorrectionPublicationTest {

    private static final Actor ANALYST = new Actor("sub-analyst", "analyst-publication");

    @Inject CorrectionService service;
    @Inject ScoredMentionRepository repository;
    @Inject MentionCorrectionRepository corrections;
    @Inject ErasureRepository erasures;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void aPendingChangeIsPublishedByTheRetryJobWithItsEventId() {
        var row = store();
        service.correct(
                row.mentionId,
                new CorrectionService.Correction(SentimentLabel.POSITIVE, Map.of(), null),
                ANALYST);
        // As if the process had died between the commit and the broker's acknowledgement.
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var stored = repository.findById(row.mentionId);
                            stored.publishPending = true;
                            stored.scoredAt = Instant.now().minusSeconds(60);
                        });
        var eventId = find(row).scoredEventId;

        service.republishPending();

        var events =
                kafka.awaitRecords(
                        KafkaTestClient.SCORED,
                        r -> r.value().contains(row.mentionId.toString()),
                        2);
        assertThat(events).allMatch(r -> r.value().contains(eventId.toString()));
        assertThat(find(row).publishPending).isFalse();
    }

    @Test
    void anErasureTakesTheNoteAndAspectsAndRefusesFurtherCorrections() {
        var row = store();
        service.correct(
                row.mentionId,
                new CorrectionService.Correction(
                        SentimentLabel.POSITIVE,
                        Map.of("emergency-wait", SentimentLabel.POSITIVE),
                        "the author, Jane, said so"),
                ANALYST);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            erasures.lockExclusively();
                            erasures.erase(List.of(row.mentionId), Instant.now());
                        });

        var correction =
                QuarkusTransaction.requiringNew().call(() -> corrections.findById(row.mentionId));
        assertThat(correction.note).isNull();
        assertThat(correction.aspects).isEmpty();
        assertThat(correction.label).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(find(row).label).isEqualTo(SentimentLabel.POSITIVE);
        var refused =
                service.correct(
                        row.mentionId,
                        new CorrectionService.Correction(SentimentLabel.NEGATIVE, Map.of(), null),
                        ANALYST);
        assertThat(refused.refusal()).isEqualTo(CorrectionService.Refusal.ERASED);
        assertThat(find(row).revision).isEqualTo(1);
    }

    private ScoredMention store() {
        var row =
                Mentions.scored(
                        Mentions.freshBrand(),
                        Instant.parse("2026-06-01T10:00:00Z"),
                        SentimentLabel.NEGATIVE,
                        -0.5,
                        "rss",
                        "Waited four hours.",
                        "emergency-wait:NEGATIVE");
        QuarkusTransaction.requiringNew().run(() -> repository.persist(row));
        return row;
    }

    private ScoredMention find(ScoredMention row) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(row.mentionId));
    }
}
