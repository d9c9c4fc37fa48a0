package org.caresignal.sentiment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.caresignal.sentiment.event.MentionScored;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes MentionScored events to the {@code mentions-scored} channel, keyed by brand id. */
@ApplicationScoped
public class MentionScoredPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    public MentionScoredPublisher(
            @Channel("mentions-scored") MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Returns once the broker has acknowledged the record, and throws if it refused it. */
    public void publish(MentionScored event) {
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
                                        .withKey(event.brandId())
                                        .build()));
    }
}
