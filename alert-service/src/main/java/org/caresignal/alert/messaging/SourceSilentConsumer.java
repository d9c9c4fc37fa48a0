package org.caresignal.alert.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.SourceSilent;
import org.caresignal.alert.service.SourceSilenceService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code SourceSilent} records from {@code sources.silent.v1} and raises the operational
 * incident; poison records (malformed JSON, a missing or invalid field) are nacked and the
 * channel's failure strategy dead-letters them to {@code sources.silent.v1.dlq}.
 */
@ApplicationScoped
public class SourceSilentConsumer {

    private final ObjectMapper mapper;
    private final SourceSilenceService service;

    public SourceSilentConsumer(ObjectMapper mapper, SourceSilenceService service) {
        this.mapper = mapper;
        this.service = service;
    }

    @Incoming("sources-silent")
    @Blocking(ordered = true)
    public void consume(String payload) {
        SourceSilent event;
        try {
            event = read(payload).validated();
        } catch (InvalidEventException e) {
            Log.warnf("Dead-lettering a SourceSilent record (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
        if (service.onSilent(event)) {
            Log.infof(
                    "Source %s of %s silent since %s: operational incident raised or folded",
                    event.connectorId(), event.brandId(), event.silentSince());
        }
    }

    private SourceSilent read(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "empty record");
        }
        SourceSilent event;
        try {
            event = mapper.readValue(payload, SourceSilent.class);
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
            throw new InvalidEventException(InvalidEventException.MALFORMED, "not valid JSON");
        }
        if (event == null) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "not a JSON object");
        }
        return event;
    }
}
