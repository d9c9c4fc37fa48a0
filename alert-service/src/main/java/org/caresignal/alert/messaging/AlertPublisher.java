package org.caresignal.alert.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Writes one alert event (JSON) to {@code alerts.v1}, keyed by brand; completes on the broker ack.
 */
@ApplicationScoped
public class AlertPublisher {

    private final Emitter<String> emitter;

    public AlertPublisher(@Channel("alerts") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> send(String brandId, String payload) {
        var done = new CompletableFuture<Void>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(brandId).build();
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
