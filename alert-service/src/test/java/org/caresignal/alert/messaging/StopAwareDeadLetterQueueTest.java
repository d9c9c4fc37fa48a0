package org.caresignal.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** The channels' failure strategy, on records nacked as the connector nacks them. */
class StopAwareDeadLetterQueueTest {

    private final List<Long> sentToDeadLetters = new ArrayList<>();
    private final List<Long> committed = new ArrayList<>();
    private final List<String> countedTopics = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private final KafkaFailureHandler deadLetterQueue =
            new KafkaFailureHandler() {
                @Override
                public <K, V> Uni<Void> handle(
                        IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                    sentToDeadLetters.add(record.getOffset());
                    // As the connector's: the dead letter acknowledges the record.
                    return Uni.createFrom().completionStage(record.ack());
                }
            };

    private final KafkaCommitHandler commits =
            new KafkaCommitHandler() {
                @Override
                public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                    committed.add(record.getOffset());
                    return Uni.createFrom().voidItem();
                }
            };

    private final StopAwareDeadLetterQueue.Handler handler =
            new StopAwareDeadLetterQueue.Handler(
                    deadLetterQueue, stopping::get, countedTopics::add);

    @Test
    void whileRunningAFailedRecordIsDeadLetteredAndCounted() {
        nack(record(7));

        assertThat(sentToDeadLetters).containsExactly(7L);
        assertThat(committed).containsExactly(7L);
        assertThat(countedTopics).containsExactly("mentions.scored.v1");
    }

    @Test
    void onceStoppingAFailedRecordIsNeitherDeadLetteredNorAcknowledged() {
        stopping.set(true);

        nack(record(8));

        assertThat(sentToDeadLetters).isEmpty();
        assertThat(committed).as("nothing may be committed past it").isEmpty();
        assertThat(countedTopics).isEmpty();
    }

    @Test
    void aFailedDeadLetterIsNotCounted() {
        var failing =
                new StopAwareDeadLetterQueue.Handler(
                        new KafkaFailureHandler() {
                            @Override
                            public <K, V> Uni<Void> handle(
                                    IncomingKafkaRecord<K, V> record,
                                    Throwable reason,
                                    Metadata metadata) {
                                return Uni.createFrom().failure(new IllegalStateException("down"));
                            }
                        },
                        stopping::get,
                        countedTopics::add);
        var record = record(9, failing);

        var result = record.nack(new IllegalStateException("boom")).toCompletableFuture();

        assertThat(result).failsWithin(Duration.ofSeconds(5));
        assertThat(countedTopics).isEmpty();
    }

    private void nack(IncomingKafkaRecord<String, String> record) {
        record.nack(new IllegalStateException("worker pool closed"))
                .toCompletableFuture()
                .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    private IncomingKafkaRecord<String, String> record(long offset) {
        return record(offset, handler);
    }

    private IncomingKafkaRecord<String, String> record(
            long offset, KafkaFailureHandler failureHandler) {
        return new IncomingKafkaRecord<>(
                new ConsumerRecord<>("mentions.scored.v1", 2, offset, "brand", "{}"),
                "mentions-scored",
                -1,
                commits,
                failureHandler,
                false,
                false);
    }
}
