package org.caresignal.sentiment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.caresignal.sentiment.event.ErasureConfirmed;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes ErasureConfirmed events to the {@code erasures-confirmed} channel, keyed by erasure id.
 */
@ApplicationScoped
public class ErasureConfirmedPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    public ErasureConfirmedPublisher(
            @Channel("erasures-confirmed") MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Returns once the broker has acknowledged the record, and throws if it refused it. */
    public void publish(ErasureConfirmed event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        emitter.sendMessageAndAwait(
                Message.of(json)
                        .addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(event.erasureId().toString())
                                        .build()));
    }
}
