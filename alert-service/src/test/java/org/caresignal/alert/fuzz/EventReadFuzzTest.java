package org.caresignal.alert.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.MentionScored;
import org.caresignal.alert.event.SourceRecovered;
import org.caresignal.alert.event.SourceSilent;

/**
 * Any record value on mentions.scored.v1 or sources.silent.v1 is read the way the consumers read it
 * and either becomes an event or fails as poison (unreadable JSON, {@link InvalidEventException});
 * nothing else escapes, so nothing else can stop a consumer.
 */
class EventReadFuzzTest {

    /** Configured as Quarkus configures the service's mapper (Java time, unknown fields ok). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @FuzzTest(maxDuration = "5m")
    void mentionScored(byte[] value) {
        try {
            var event =
                    MAPPER.readValue(
                            new String(value, StandardCharsets.UTF_8), MentionScored.class);
            if (event != null) {
                event.toLabelledMention();
                event.negativeAspects();
            }
        } catch (JsonProcessingException | InvalidEventException e) {
            // Poison: the consumer dead-letters it.
        }
    }

    @FuzzTest(maxDuration = "5m")
    void sourceSilent(byte[] value) {
        try {
            var node = MAPPER.readTree(new String(value, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                return;
            }
            var type = node.path("eventType").asText();
            if (SourceRecovered.TYPE.equals(type)) {
                MAPPER.treeToValue(node, SourceRecovered.class).validated();
            } else {
                MAPPER.treeToValue(node, SourceSilent.class).validated();
            }
        } catch (JsonProcessingException | InvalidEventException e) {
            // Poison: the consumer dead-letters it.
        }
    }
}
