package org.caresignal.sentiment.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.caresignal.sentiment.event.MentionIngested;

/**
 * Any record value on mentions.ingested.v1 either becomes a {@link MentionIngested} or fails the
 * way the consumer dead-letters (unreadable JSON, a missing or wrong field); nothing else escapes.
 */
class MentionIngestedFuzzTest {

    /** Configured as Quarkus configures the service's mapper (Java time, unknown fields ok). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @FuzzTest(maxDuration = "5m")
    void read(byte[] value) {
        try {
            var mention =
                    MAPPER.readValue(
                            new String(value, StandardCharsets.UTF_8), MentionIngested.class);
            if (mention != null) {
                mention.mentionId().toString();
                mention.text().strip();
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Poison: the consumer dead-letters it.
        }
    }
}
