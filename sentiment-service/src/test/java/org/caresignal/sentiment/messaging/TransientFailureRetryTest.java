package org.caresignal.sentiment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.FlakyScoring;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker and database: a transient processing failure is retried and the mention
 * scored, not dead-lettered; only when every attempt fails does it reach the DLQ, from where
 * replaying it is safe.
 */
@QuarkusTest
class TransientFailureRetryTest {

    @Inject ScoredMentionRepository repository;

    private final KafkaTestClient kafka =
            new KafkaTestClient(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    private final int maxAttempts =
            ConfigProvider.getConfig()
                    .getValue("caresignal.sentiment.consumer.retry.max-attempts", Integer.class);

    @Test
    void aTransientFailureIsRetriedAndTheMentionScoredNotDeadLettered() {
        var mentionId = UUID.randomUUID();
        var beforeIt = UUID.randomUUID();
        FlakyScoring.failNext(mentionId, maxAttempts - 1);

        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(mentionId).toString());

        kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> r.value().contains(mentionId.toString()), 1);
        assertThat(FlakyScoring.calls(mentionId)).isEqualTo(maxAttempts);
        assertThat(rowCount(mentionId)).isEqualTo(1);
        // A poison record sent after it lands in the DLQ at once; by then the retried mention
        // would be there too had it been dead-lettered.
        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), Mentions.malformed(beforeIt));
        kafka.awaitRecords(
                KafkaTestClient.INGESTED_DLQ, r -> r.value().contains(beforeIt.toString()), 1);
        assertThat(kafka.readAll(KafkaTestClient.INGESTED_DLQ))
                .noneMatch(r -> r.value().contains(mentionId.toString()));
    }

    @Test
    void whenEveryAttemptFailsTheMentionIsDeadLetteredAndItsReplayIsScored() {
        var mentionId = UUID.randomUUID();
        FlakyScoring.failNext(mentionId, Integer.MAX_VALUE);

        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(mentionId).toString());

        var dead =
                kafka.awaitRecords(
                        KafkaTestClient.INGESTED_DLQ,
                        r -> r.value().contains(mentionId.toString()),
                        1);
        assertThat(FlakyScoring.calls(mentionId)).isEqualTo(maxAttempts);
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(rowCount(mentionId)).isZero();

        // The outage is over: replaying the dead letter scores the mention once.
        FlakyScoring.failNext(mentionId, 0);
        kafka.send(KafkaTestClient.INGESTED, dead.get(0).key(), dead.get(0).value());
        kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> r.value().contains(mentionId.toString()), 1);
        assertThat(rowCount(mentionId)).isEqualTo(1);
    }

    private long rowCount(UUID mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.count("mentionId", mentionId));
    }
}
