package org.caresignal.alert.messaging;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The failure strategy of every incoming channel ({@value #NAME}): a failed record is dead-lettered
 * as by the connector's own {@code dead-letter-queue} strategy, except once the service has begun
 * to stop. From then on a failure says nothing about the record (the worker pool, the database pool
 * and Hibernate are closing under it), so the record is left unacknowledged: nothing is committed
 * past it and it comes again at the next start of any instance.
 */
// Why this is needed: the channels of one service share a consumer group and leave it one after
// the other while the service stops; each departure is a rebalance, the offsets committed during it
// may be refused, and the partition handed back is fetched again from its last committed offset,
// after the workers closed. Those records, already processed, were dead-lettered.
@ApplicationScoped
@Identifier(StopAwareDeadLetterQueue.NAME)
public class StopAwareDeadLetterQueue implements KafkaFailureHandler.Factory {

    public static final String NAME = "dead-letter-queue-unless-stopping";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final ConsumerMetrics metrics;
    private volatile boolean stopping;

    public StopAwareDeadLetterQueue(
            @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
                    KafkaFailureHandler.Factory deadLetterQueue,
            ConsumerMetrics metrics) {
        this.deadLetterQueue = deadLetterQueue;
        this.metrics = metrics;
    }

    // First among the stop observers: the channels are closed after every ShutdownEvent observer
    // ran, but nothing may be dead-lettered once any part of the stop has begun.
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    @Override
    public KafkaFailureHandler create(
            KafkaConnectorIncomingConfiguration config,
            Vertx vertx,
            KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        return new Handler(
                deadLetterQueue.create(config, vertx, consumer, reportFailure),
                () -> stopping,
                metrics::deadLettered);
    }

    static final class Handler implements KafkaFailureHandler {

        private final KafkaFailureHandler deadLetterQueue;
        private final BooleanSupplier stopping;
        private final Consumer<String> deadLettered;

        /**
         * @param stopping whether the service is stopping, asked at each failure
         * @param deadLettered told the record's topic once a record has been dead-lettered
         */
        Handler(
                KafkaFailureHandler deadLetterQueue,
                BooleanSupplier stopping,
                Consumer<String> deadLettered) {
            this.deadLetterQueue = deadLetterQueue;
            this.stopping = stopping;
            this.deadLettered = deadLettered;
        }

        @Override
        public <K, V> Uni<Void> handle(
                IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            if (!stopping.getAsBoolean()) {
                return deadLetterQueue
                        .handle(record, reason, metadata)
                        .invoke(() -> deadLettered.accept(record.getTopic()));
            }
            // Neither acknowledged nor dead-lettered: the commit stays before this record.
            Log.infof(
                    "A record of %s-%d at offset %d failed while the service stops (%s); it is"
                            + " left for the next start",
                    record.getTopic(),
                    record.getPartition(),
                    record.getOffset(),
                    reason.getClass().getName());
            return Uni.createFrom().voidItem();
        }

        @Override
        public void terminate() {
            deadLetterQueue.terminate();
        }
    }
}
