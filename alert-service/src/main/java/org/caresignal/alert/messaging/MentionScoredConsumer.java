package org.caresignal.alert.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.MentionScored;
import org.caresignal.alert.service.MentionCountService;
import org.caresignal.alert.service.MentionMetrics;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code MentionScored} records from {@code mentions.scored.v1} and hands them to counting; a
 * record that throws is nacked and the channel's failure strategy dead-letters it.
 */
@ApplicationScoped
public class MentionScoredConsumer {

    private final ObjectMapper mapper;
    private final MentionCountService counting;
    private final MentionMetrics metrics;

    public MentionScoredConsumer(
            ObjectMapper mapper, MentionCountService counting, MentionMetrics metrics) {
        this.mapper = mapper;
        this.counting = counting;
        this.metrics = metrics;
    }

    @Incoming("mentions-scored")
    @Blocking(ordered = true)
    public void consume(String payload) {
        try {
            counting.count(read(payload).toLabelledMention());
        } catch (InvalidEventException e) {
            metrics.rejected(e.reason());
            Log.warnf("Dead-lettering a MentionScored record (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
    }

    private MentionScored read(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "empty record");
        }
        MentionScored event;
        try {
            event = mapper.readValue(payload, MentionScored.class);
        } catch (JsonMappingException e) {
            var field =
                    e.getPath().stream()
                            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[]")
                            .collect(Collectors.joining("."));
            throw new InvalidEventException(
                    InvalidEventException.MALFORMED,
                    field.isEmpty()
                            ? "not a JSON object"
                            : field + " has the wrong type or format");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidEventException(
                    InvalidEventException.MALFORMED,
                    at == null
                            ? "not valid JSON"
                            : "not valid JSON at line "
                                    + at.getLineNr()
                                    + ", column "
                                    + at.getColumnNr());
        }
        if (event == null) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "not a JSON object");
        }
        return event;
    }
}
