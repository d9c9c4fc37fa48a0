package org.caresignal.alert.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.SourceRecovered;
import org.caresignal.alert.event.SourceSilent;
import org.caresignal.alert.service.SourceSilenceService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code sources.silent.v1} and dispatches on {@code eventType}: {@code SourceSilent} (or no
 * type) raises the operational incident, {@code SourceRecovered} resolves it; poison records
 * (malformed JSON, a missing or invalid field, an unknown {@code eventType}) are nacked and the
 * channel's failure strategy dead-letters them to {@code sources.silent.v1.dlq}; processing waits
 * out a database outage (see {@link OutageTolerantProcessing}) and only another failure that
 * persists through its bounded retries is dead-lettered.
 */
@ApplicationScoped
public class SourceSilentConsumer {

    private final ObjectMapper mapper;
    private final SourceSilenceService service;
    private final OutageTolerantProcessing processing;

    public SourceSilentConsumer(
            ObjectMapper mapper,
            SourceSilenceService service,
            OutageTolerantProcessing processing) {
        this.mapper = mapper;
        this.service = service;
        this.processing = processing;
    }

    @Incoming("sources-silent")
    @Blocking(ordered = true)
    public void consume(String payload) {
        var node = parse(payload);
        var type = node.path("eventType");
        // A SourceSilent of the first producer version may lack eventType: it stays a SourceSilent.
        if (type.isMissingNode() || type.isNull() || SourceSilent.TYPE.equals(type.asText())) {
            onSilent(node);
        } else if (SourceRecovered.TYPE.equals(type.asText())) {
            onRecovered(node);
        } else {
            var e =
                    new InvalidEventException(
                            InvalidEventException.UNKNOWN_EVENT_TYPE,
                            "eventType "
                                    + abbreviate(type.asText())
                                    + " is not SourceSilent or SourceRecovered");
            Log.warnf(
                    "Dead-lettering a sources.silent.v1 record (%s): %s",
                    e.reason(), e.getMessage());
            throw e;
        }
    }

    private void onSilent(JsonNode node) {
        SourceSilent event;
        try {
            event = read(node, SourceSilent.class).validated();
        } catch (InvalidEventException e) {
            Log.warnf("Dead-lettering a SourceSilent record (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
        // Safe to repeat: the service processes each event id once.
        if (process(SourceSilent.TYPE, event.eventId(), () -> service.onSilent(event))) {
            Log.infof(
                    "Source %s of %s silent since %s: operational incident raised or folded",
                    event.connectorId(), event.brandId(), event.silentSince());
        }
    }

    private void onRecovered(JsonNode node) {
        SourceRecovered event;
        try {
            event = read(node, SourceRecovered.class).validated();
        } catch (InvalidEventException e) {
            Log.warnf(
                    "Dead-lettering a SourceRecovered record (%s): %s", e.reason(), e.getMessage());
            throw e;
        }
        var outcome =
                process(SourceRecovered.TYPE, event.eventId(), () -> service.onRecovered(event));
        if (outcome == SourceSilenceService.Recovery.RESOLVED) {
            Log.infof(
                    "Source %s of %s delivers again: operational incident resolved",
                    event.connectorId(), event.brandId());
        } else if (outcome == SourceSilenceService.Recovery.NO_INCIDENT) {
            Log.debugf(
                    "Source %s of %s delivers again; no unresolved incident to resolve",
                    event.connectorId(), event.brandId());
        }
    }

    private <T> T process(String type, Object eventId, Supplier<T> work) {
        try {
            return processing.call(type, eventId, work);
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "%s %s could not be processed (poison, or it failed on every attempt);"
                            + " dead-lettering it",
                    type,
                    eventId);
            throw e;
        }
    }

    private JsonNode parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw dead(new InvalidEventException(InvalidEventException.MALFORMED, "empty record"));
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw dead(
                    new InvalidEventException(InvalidEventException.MALFORMED, "not valid JSON"));
        }
        if (node == null || !node.isObject()) {
            throw dead(
                    new InvalidEventException(
                            InvalidEventException.MALFORMED, "not a JSON object"));
        }
        return node;
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
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
    }

    private static InvalidEventException dead(InvalidEventException e) {
        Log.warnf("Dead-lettering a sources.silent.v1 record (%s): %s", e.reason(), e.getMessage());
        return e;
    }

    /** The type as it may travel in a header: short, one line. */
    private static String abbreviate(String type) {
        var clean = type.replaceAll("[\\r\\n\\t]", " ");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
