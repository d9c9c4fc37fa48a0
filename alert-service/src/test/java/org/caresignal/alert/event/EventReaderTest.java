package org.caresignal.alert.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventReaderTest {

    /** Configured as Quarkus configures the service's mapper (Java time, unknown fields ok). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EventReader reader = new EventReader(MAPPER);

    private static ObjectNode golden(String event) {
        try {
            return (ObjectNode)
                    MAPPER.readTree(Path.of("../docs/events/" + event + ".v1.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidEventException poison(ThrowingCallable read) {
        var e = catchThrowableOfType(read, InvalidEventException.class);
        assertThat(e).as("poison").isNotNull();
        return e;
    }

    @Test
    void theGoldenMentionScoredReads() {
        var event = reader.mentionScored(golden("MentionScored").toString());

        assertThat(event.brandId()).isEqualTo("riverside-health");
        assertThat(event.toLabelledMention().brandId()).isEqualTo("riverside-health");
    }

    @Test
    void theGoldenSourceSilentReads() {
        var event = reader.sourceEvent(golden("SourceSilent").toString());

        assertThat(event).isInstanceOf(SourceSilent.class);
        assertThat(((SourceSilent) event).brandId()).isEqualTo("riverside-health");
    }

    @Test
    void aSourceSilentWithoutEventTypeIsASourceSilent() {
        var silent = golden("SourceSilent");
        silent.remove("eventType");

        assertThat(reader.sourceEvent(silent.toString())).isInstanceOf(SourceSilent.class);
    }

    @Test
    void theGoldenSourceRecoveredReads() {
        var event = reader.sourceEvent(golden("SourceRecovered").toString());

        assertThat(event).isInstanceOf(SourceRecovered.class);
        assertThat(((SourceRecovered) event).connectorId()).isEqualTo("riverside-x");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  \n"})
    void anEmptyRecordIsMalformed(String payload) {
        for (var e :
                new InvalidEventException[] {
                    poison(() -> reader.mentionScored(payload)),
                    poison(() -> reader.sourceEvent(payload))
                }) {
            assertThat(e.reason()).isEqualTo(InvalidEventException.MALFORMED);
            assertThat(e).hasMessage("empty record");
            assertThat(e.readAs()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"SourceSilent\"", "42"})
    void aValueThatIsNotAnObjectIsMalformed(String payload) {
        for (var e :
                new InvalidEventException[] {
                    poison(() -> reader.mentionScored(payload)),
                    poison(() -> reader.sourceEvent(payload))
                }) {
            assertThat(e.reason()).isEqualTo(InvalidEventException.MALFORMED);
            assertThat(e).hasMessage("not a JSON object");
        }
    }

    @Test
    void invalidJsonIsMalformed() {
        var mention = poison(() -> reader.mentionScored("{\"brandId\": \"x\", not json"));
        var source = poison(() -> reader.sourceEvent("{\"brandId\": \"x\", not json"));

        assertThat(mention.reason()).isEqualTo(InvalidEventException.MALFORMED);
        assertThat(mention).hasMessageStartingWith("not valid JSON at line 1, column ");
        assertThat(source.reason()).isEqualTo(InvalidEventException.MALFORMED);
        assertThat(source).hasMessage("not valid JSON");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        var mention = golden("MentionScored");
        mention.put("publishedAt", "yesterday");
        var recovered = golden("SourceRecovered");
        recovered.putArray("silentSince");

        var mentionError = poison(() -> reader.mentionScored(mention.toString()));
        var sourceError = poison(() -> reader.sourceEvent(recovered.toString()));

        assertThat(mentionError.reason()).isEqualTo(InvalidEventException.MALFORMED);
        assertThat(mentionError).hasMessage("publishedAt has the wrong type or format");
        assertThat(sourceError.reason()).isEqualTo(InvalidEventException.MALFORMED);
        assertThat(sourceError).hasMessage("silentSince has the wrong type or format");
        assertThat(sourceError.readAs()).isEqualTo(SourceRecovered.TYPE);
    }

    @Test
    void aMissingFieldOfASourceSilentIsNamedWithItsType() {
        var silent = golden("SourceSilent");
        silent.remove("connectorId");

        var e = poison(() -> reader.sourceEvent(silent.toString()));

        assertThat(e.reason()).isEqualTo(InvalidEventException.MISSING_FIELD);
        assertThat(e).hasMessage("connectorId is missing");
        assertThat(e.readAs()).isEqualTo(SourceSilent.TYPE);
    }

    @Test
    void anUnknownEventTypeIsRefusedInOneShortLine() {
        var other = golden("SourceSilent");
        other.put("eventType", "AlertRaised\n" + "x".repeat(100));

        var e = poison(() -> reader.sourceEvent(other.toString()));

        assertThat(e.reason()).isEqualTo(InvalidEventException.UNKNOWN_EVENT_TYPE);
        assertThat(e)
                .hasMessage(
                        "eventType AlertRaised "
                                + "x".repeat(52)
                                + "… is not SourceSilent or SourceRecovered");
        assertThat(e.readAs()).isNull();
    }
}
