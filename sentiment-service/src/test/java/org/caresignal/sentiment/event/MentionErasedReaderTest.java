package org.caresignal.sentiment.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.support.Mentions;
import org.junit.jupiter.api.Test;

/** Consumer side of the MentionErased contract: the golden file reads, poison is refused. */
class MentionErasedReaderTest {

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final MentionErasedReader reader = new MentionErasedReader(MAPPER);

    @Test
    void theGoldenMentionErasedReadsWithEveryField() {
        var golden = Mentions.golden("MentionErased");

        var erased = reader.read(golden.toString());

        assertThat(erased.eventId()).isEqualTo(UUID.fromString(golden.get("eventId").asText()));
        assertThat(erased.eventType()).isEqualTo("MentionErased");
        assertThat(erased.schemaVersion()).isEqualTo(1);
        assertThat(erased.occurredAt()).isEqualTo(Instant.parse(golden.get("occurredAt").asText()));
        assertThat(erased.erasureId()).isEqualTo(UUID.fromString(golden.get("erasureId").asText()));
        assertThat(erased.reason()).isEqualTo("REQUEST");
        var first = golden.get("mentions").get(0);
        assertThat(erased.mentions())
                .containsExactly(
                        new MentionErased.ErasedMention(
                                UUID.fromString(first.get("mentionId").asText()),
                                first.get("brandId").asText()));
    }

    @Test
    void anUnknownFieldIsIgnoredAndRepeatedIdsCountOnce() {
        var id = UUID.randomUUID();
        var event = Mentions.erased(UUID.randomUUID(), id, id);
        event.put("addedLater", "x");

        assertThat(reader.read(event.toString()).mentionIds()).containsExactly(id);
    }

    @Test
    void unreadableRecordsArePoison() {
        var withoutErasure = Mentions.erased(UUID.randomUUID(), UUID.randomUUID());
        withoutErasure.remove("erasureId");
        var withoutMentions = Mentions.erased(UUID.randomUUID(), UUID.randomUUID());
        withoutMentions.remove("mentions");
        var badId = Mentions.erased(UUID.randomUUID(), UUID.randomUUID());
        ((com.fasterxml.jackson.databind.node.ObjectNode) badId.get("mentions").get(0))
                .put("mentionId", "not-a-uuid");
        var tooMany = Mentions.erased(UUID.randomUUID());
        for (int i = 0; i <= MentionErased.MAX_MENTIONS; i++) {
            tooMany.withArray("mentions")
                    .addObject()
                    .put("mentionId", UUID.randomUUID().toString())
                    .put("brandId", "b");
        }

        for (var payload :
                new String[] {
                    null,
                    "not json",
                    "null",
                    "[]",
                    withoutErasure.toString(),
                    withoutMentions.toString(),
                    badId.toString(),
                    tooMany.toString()
                }) {
            assertThatThrownBy(() -> reader.read(payload))
                    .as(
                            "payload %s",
                            payload == null
                                    ? null
                                    : payload.substring(0, Math.min(20, payload.length())))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("unreadable MentionErased record: ");
        }
    }
}
