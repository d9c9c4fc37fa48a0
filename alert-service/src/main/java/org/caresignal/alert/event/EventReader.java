package org.caresignal.alert.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Collectors;

/**
 * Reads the record values this service consumes ({@code mentions.scored.v1}, {@code
 * sources.silent.v1}, {@code mentions.erased.v1}) into events; a value that can never become one
 * (poison) throws {@link InvalidEventException}, and nothing else.
 */
public class EventReader {

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A {@code mentions.scored.v1} value as read; {@link MentionScored#toLabelledMention()} checks
     * its fields.
     *
     * @throws InvalidEventException when the value is empty, not JSON or not a {@code
     *     MentionScored} object
     */
    public MentionScored mentionScored(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "empty record");
        }
        MentionScored event;
        try {
            event = mapper.readValue(payload, MentionScored.class);
        } catch (JsonMappingException e) {
            throw wrongType(e);
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

    /**
     * A {@code mentions.erased.v1} value, validated.
     *
     * @throws InvalidEventException when the value is empty, not a JSON object, a field has the
     *     wrong type (a mention id that is not a UUID) or a required field is missing
     */
    public MentionErased mentionErased(String payload) {
        return read(tree(payload), MentionErased.class).validated();
    }

    /**
     * A {@code sources.silent.v1} value, read by its {@code eventType} and validated: a {@link
     * SourceRecovered}, else a {@link SourceSilent} (also when the type is missing, as from the
     * first producer version).
     *
     * @throws InvalidEventException when the value is empty, not a JSON object, of another event
     *     type, or its event is missing or has an invalid field; {@link
     *     InvalidEventException#readAs()} names the type once it is known
     */
    public SourceEvent sourceEvent(String payload) {
        var node = tree(payload);
        var type = node.path("eventType");
        var typeName = type.isMissingNode() || type.isNull() ? SourceSilent.TYPE : type.asText();
        try {
            if (SourceSilent.TYPE.equals(typeName)) {
                return read(node, SourceSilent.class).validated();
            }
            if (SourceRecovered.TYPE.equals(typeName)) {
                return read(node, SourceRecovered.class).validated();
            }
        } catch (InvalidEventException e) {
            throw new InvalidEventException(e.reason(), e.getMessage(), typeName);
        }
        throw new InvalidEventException(
                InvalidEventException.UNKNOWN_EVENT_TYPE,
                "eventType " + abbreviate(typeName) + " is not SourceSilent or SourceRecovered");
    }

    private JsonNode tree(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "empty record");
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "not a JSON object");
        }
        return node;
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw wrongType(e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.MALFORMED, "not valid JSON");
        }
    }

    private static InvalidEventException wrongType(JsonMappingException e) {
        var field =
                e.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[]")
                        .collect(Collectors.joining("."));
        return new InvalidEventException(
                InvalidEventException.MALFORMED,
                field.isEmpty() ? "not a JSON object" : field + " has the wrong type or format");
    }

    /** The type as it may travel in a header: short, one line. */
    private static String abbreviate(String type) {
        var clean = type.replaceAll("[\\r\\n\\t]", " ");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
