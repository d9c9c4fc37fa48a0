package org.caresignal.alert.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caresignal.alert.repository.AlertOutboxRepository;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Writes one outbox event (JSON) to its topic: alert events to {@code alerts.v1} keyed by brand,
 * erasure confirmations to {@code erasures.confirmed.v1} keyed by erasure id; completes on the
 * broker ack.
 */
@ApplicationScoped
public class AlertPublisher {

    private final Emitter<String> alerts;
    private final Emitter<String> erasuresConfirmed;

    public AlertPublisher(
            @Channel("alerts") Emitter<String> alerts,
            @Channel("erasures-confirmed") Emitter<String> erasuresConfirmed) {
        this.alerts = alerts;
        this.erasuresConfirmed = erasuresConfirmed;
    }

    /** An alert event to {@code alerts.v1}. */
    public CompletionStage<Void> send(String brandId, String payload) {
        return send(AlertOutboxRepository.ALERTS_TOPIC, brandId, payload);
    }

    /** An event to {@code topic} (one of the outbox's topics). */
    public CompletionStage<Void> send(String topic, String key, String payload) {
        var emitter =
                switch (topic) {
                    case AlertOutboxRepository.ALERTS_TOPIC -> alerts;
                    case AlertOutboxRepository.ERASURES_CONFIRMED_TOPIC -> erasuresConfirmed;
                    default -> throw new IllegalStateException("no channel for topic " + topic);
                };
        var done = new CompletableFuture<Void>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        emitter.send(
                Message.of(
                        payload,
                        Metadata.of(metadata),
                        () -> {
                            done.complete(null);
                            return CompletableFuture.completedFuture(null);
                        },
                        failure -> {
                            done.completeExceptionally(failure);
                            return CompletableFuture.completedFuture(null);
                        }));
        return done;
    }
}
