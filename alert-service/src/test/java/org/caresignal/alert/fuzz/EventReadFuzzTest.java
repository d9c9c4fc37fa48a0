package org.caresignal.alert.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.caresignal.alert.event.EventReader;
import org.caresignal.alert.event.InvalidEventException;

/**
 * Any record value on mentions.scored.v1 or sources.silent.v1 goes through the consumers' own
 * {@link EventReader} (and, for a mention, the checks the consumer runs next) and either becomes an
 * event or fails as poison, {@link InvalidEventException}; anything else escaping is a finding,
 * because it would not be dead-lettered as poison.
 */
class EventReadFuzzTest {

    /** Configured as Quarkus configures the service's mapper (Java time, unknown fields ok). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final EventReader READER = new EventReader(MAPPER);

    @FuzzTest(maxDuration = "5m")
    void mentionScored(byte[] value) {
        try {
            var event = READER.mentionScored(new String(value, StandardCharsets.UTF_8));
            event.toLabelledMention();
            event.negativeAspects();
        } catch (InvalidEventException e) {
            // Poison: the consumer dead-letters it.
        }
    }

    @FuzzTest(maxDuration = "5m")
    void sourceSilent(byte[] value) {
        try {
            READER.sourceEvent(new String(value, StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            // Poison: the consumer dead-letters it.
        }
    }
}
