package org.caresignal.sentiment.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code mentions.erased.v1} record value into a {@link MentionErased}; a value that can
 * never become one (poison) throws {@link IllegalArgumentException}, and nothing else.
 */
public class MentionErasedReader {

    private static final String UNREADABLE = "unreadable MentionErased record: ";

    private final ObjectMapper mapper;

    public MentionErasedReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The erasure, with its required fields present.
     *
     * @throws IllegalArgumentException when the value is missing, not JSON, not a JSON object, or a
     *     field is missing or of the wrong type
     */
    public MentionErased read(String payload) {
        MentionErased erased;
        try {
            if (payload == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            erased = mapper.readValue(payload, MentionErased.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            var reason =
                    e instanceof JsonProcessingException json
                            ? json.getOriginalMessage()
                            : e.getMessage();
            throw new IllegalArgumentException(UNREADABLE + reason, e);
        }
        if (erased == null) {
            throw new IllegalArgumentException(UNREADABLE + "not a JSON object");
        }
        return erased;
    }
}
