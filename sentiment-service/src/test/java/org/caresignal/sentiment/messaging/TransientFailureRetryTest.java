package org.caresignal.sentiment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.caresignal.local.run.DlqReplay;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.FlakyScoring;
import org.caresignal.sentiment.support.KafkaTestClient;
import org.caresignal.sentiment.support.Mentions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker and database: a database failure is waited out however often it repeats
 * and the mention scored, never dead-lettered; an unexpected failure is retried a bounded number of
 * times, then dead-lettered, and the dead letter's replay is scored once.
 */
@QuarkusTest
class TransientFailureRetryTest {

    @Inject ScoredMentionRepository repository;

    private final String bootstrap =
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final KafkaTestClient kafka = new KafkaTestClient(bootstrap);

    // Tries of an unexpected failure: the first plus the bounded retries.
    private final int boundedAttempts =
            1
                    + ConfigProvider.getConfig()
                            .getValue(
                                    "quarkus.fault-tolerance.\""
                                            + OutageTolerantProcessing.class.getName()
                                            + "/attempt\".retry.max-retries",
                                    Integer.class);

    @Test
    void aDatabaseOutageIsWaitedOutPastTheBoundedRetriesAndTheMentionScoredNotDeadLettered() {
        var mentionId = UUID.randomUUID();
        var afterIt = UUID.randomUUID();
        int failures = boundedAttempts * 3;
        FlakyScoring.failNext(mentionId, failures);

        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(mentionId).toString());

        kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> r.value().contains(mentionId.toString()), 1);
        assertThat(FlakyScoring.calls(mentionId)).isEqualTo(failures + 1);
        assertThat(rowCount(mentionId)).isEqualTo(1);
        // A poison record sent after it lands in the DLQ at once; by then the waiting mention
        // would be there too had it been dead-lettered.
        kafka.send(KafkaTestClient.INGESTED, Mentions.brandId(), Mentions.malformed(afterIt));
        kafka.awaitRecords(
                KafkaTestClient.INGESTED_DLQ, r -> r.value().contains(afterIt.toString()), 1);
        assertThat(kafka.readAll(KafkaTestClient.INGESTED_DLQ))
                .noneMatch(r -> r.value().contains(mentionId.toString()));
    }

    @Test
    void anUnexpectedFailureIsRetriedBoundedThenDeadLetteredAndItsReplayIsScoredOnce()
            throws Exception {
        var mentionId = UUID.randomUUID();
        FlakyScoring.failNextUnexpectedly(mentionId, Integer.MAX_VALUE);

        kafka.send(
                KafkaTestClient.INGESTED,
                Mentions.brandId(),
                Mentions.ingested(mentionId).toString());

        var dead =
                kafka.awaitRecords(
                        KafkaTestClient.INGESTED_DLQ,
                        r -> r.value().contains(mentionId.toString()),
                        1);
        assertThat(FlakyScoring.calls(mentionId)).isEqualTo(boundedAttempts);
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(rowCount(mentionId)).isZero();

        // The bug is fixed: the operator's replay scores the mention; replaying it again (a second
        // copy of the same record) leaves one row.
        FlakyScoring.failNext(mentionId, 0);
        var replay =
                DlqReplay.Options.parse(
                        "--bootstrap-servers", bootstrap, "--from", KafkaTestClient.INGESTED_DLQ);
        assertThat(DlqReplay.replay(replay)).isPositive();
        kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> r.value().contains(mentionId.toString()), 1);
        kafka.send(KafkaTestClient.INGESTED, dead.get(0).key(), dead.get(0).value());
        kafka.awaitRecords(
                KafkaTestClient.SCORED, r -> r.value().contains(mentionId.toString()), 2);
        assertThat(rowCount(mentionId)).isEqualTo(1);
    }

    private long rowCount(UUID mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> repository.count("mentionId", mentionId));
    }
}
