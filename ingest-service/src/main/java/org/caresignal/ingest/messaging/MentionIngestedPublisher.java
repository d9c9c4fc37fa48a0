package org.caresignal.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.caresignal.ingest.event.MentionIngested;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes MentionIngested to Kafka keyed by brand id, and returns once the broker has it. */
@ApplicationScoped
public class MentionIngestedPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    public MentionIngestedPublisher(
            @Channel("mentions-ingested") MutinyEmitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    public void publish(MentionIngested event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // The key keeps each brand's mentions in order on one partition.
        var metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.brandId()).build();
        emitter.sendMessageAndAwait(Message.of(json).addMetadata(metadata));
    }
}
