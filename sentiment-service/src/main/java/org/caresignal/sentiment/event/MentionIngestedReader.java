package org.caresignal.sentiment.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code mentions.ingested.v1} record value into a {@link MentionIngested}; a value that
 * can never become one (poison) throws {@link IllegalArgumentException}, and nothing else.
 */
public class MentionIngestedReader {

    private static final String UNREADABLE = "unreadable MentionIngested record: ";

    private final ObjectMapper mapper;

    public MentionIngestedReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The mention, with its required fields present.
     *
     * @throws IllegalArgumentException when the value is missing, not JSON, not a JSON object, or a
     *     field is missing or of the wrong type; {@link #reason} says which, without the post
     */
    public MentionIngested read(String payload) {
        MentionIngested mention;
        try {
            if (payload == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            mention = mapper.readValue(payload, MentionIngested.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            var reason =
                    e instanceof JsonProcessingException json
                            ? json.getOriginalMessage()
                            : e.getMessage();
            throw new IllegalArgumentException(UNREADABLE + reason, e);
        }
        if (mention == null) {
            // The value is the JSON literal null.
            throw new IllegalArgumentException(UNREADABLE + "not a JSON object");
        }
        return mention;
    }

    /** Why {@link #read} refused a value: its message without the fixed prefix. */
    public static String reason(IllegalArgumentException e) {
        var message = e.getMessage();
        return message != null && message.startsWith(UNREADABLE)
                ? message.substring(UNREADABLE.length())
                : message;
    }
}
