package org.caresignal.sentiment.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.caresignal.sentiment.support.Mentions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentionIngestedReaderTest {

    /** Configured as Quarkus configures the service's mapper (Java time, unknown fields ok). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final MentionIngestedReader reader = new MentionIngestedReader(MAPPER);

    private static IllegalArgumentException poison(ThrowingCallable read) {
        var e = catchThrowableOfType(read, IllegalArgumentException.class);
        assertThat(e).as("poison").isNotNull();
        assertThat(e.getClass()).isEqualTo(IllegalArgumentException.class);
        assertThat(e).hasMessageStartingWith("unreadable MentionIngested record: ");
        return e;
    }

    @Test
    void theGoldenMentionIngestedReads() {
        var golden = Mentions.golden("MentionIngested");

        var mention = reader.read(golden.toString());

        assertThat(mention.mentionId())
                .isEqualTo(UUID.fromString(golden.get("mentionId").asText()));
        assertThat(mention.brandId()).isEqualTo("riverside-health");
        assertThat(mention.language()).isEqualTo("en");
    }

    @Test
    void aRecordWithoutValueIsPoison() {
        var e = poison(() -> reader.read(null));

        assertThat(MentionIngestedReader.reason(e)).isEqualTo("the record has no value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{\"mentionId\": ", "[]", "\"text\"", "42"})
    void aValueThatIsNotAJsonObjectIsPoison(String payload) {
        var e = poison(() -> reader.read(payload));

        assertThat(e).hasCauseInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theJsonNullIsPoison() {
        var e = poison(() -> reader.read("null"));

        assertThat(MentionIngestedReader.reason(e)).isEqualTo("not a JSON object");
    }

    @Test
    void aFieldOfTheWrongTypeIsPoison() {
        var mention = Mentions.ingested(UUID.randomUUID());
        mention.put("publishedAt", "yesterday");

        var e = poison(() -> reader.read(mention.toString()));

        assertThat(MentionIngestedReader.reason(e)).contains("java.time.Instant");
    }

    @Test
    void aMissingRequiredFieldIsPoisonNamingTheField() {
        var mention = Mentions.ingestedWithout(UUID.randomUUID(), "text");

        var e = poison(() -> reader.read(mention.toString()));

        assertThat(MentionIngestedReader.reason(e)).contains("text is required");
    }
}
