package org.caresignal.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * A polled connector's cursor as stored in {@code source_connector.cursor}: JSON of the client's
 * own cursor record, or null before the first post is taken (so the next poll starts afresh).
 */
public final class CursorJson {

    private CursorJson() {}

    /** The stored cursor, or {@code empty} when none is stored yet. */
    public static <T> T read(ObjectMapper mapper, String json, Class<T> type, T empty) {
        if (json == null || json.isBlank()) {
            return empty;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            // Only this service writes the column, so an unreadable value is a bug, not input.
            throw new UncheckedIOException(e);
        }
    }

    /** The cursor to store; null when it holds no position yet. */
    public static String write(ObjectMapper mapper, Object cursor, boolean positioned) {
        if (!positioned) {
            return null;
        }
        try {
            return mapper.writeValueAsString(cursor);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
