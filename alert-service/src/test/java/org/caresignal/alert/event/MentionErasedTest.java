package org.caresignal.alert.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.caresignal.alert.support.Erasures;
import org.junit.jupiter.api.Test;

/** Contract, consumer side: the golden MentionErased file reads into our copy of the event. */
class MentionErasedTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private final EventReader reader = new EventReader(MAPPER);

    @Test
    void theGoldenFileIsRead() {
        var golden = Erasures.golden();
        var event = reader.mentionErased(golden.toString());
        assertThat(event.erasureId()).isEqualTo(UUID.fromString(golden.get("erasureId").asText()));
        assertThat(event.reason()).isEqualTo("REQUEST");
        assertThat(event.mentionIds())
                .containsExactly(
                        UUID.fromString(golden.get("mentions").get(0).get("mentionId").asText()));
        assertThat(event.mentions().get(0).brandId()).isEqualTo("riverside-health");
    }

    @Test
    void unreadableErasuresArePoison() {
        var golden = Erasures.golden();
        for (var bad :
                new String[] {
                    "",
                    "not json",
                    "[]",
                    golden.deepCopy().without("erasureId").toString(),
                    golden.deepCopy().without("mentions").toString(),
                    golden.deepCopy().put("erasureId", "nope").toString(),
                    golden.deepCopy().put("eventType", "MentionScored").toString()
                }) {
            assertThatThrownBy(() -> reader.mentionErased(bad))
                    .as(bad)
                    .isInstanceOf(InvalidEventException.class);
        }
        var tooMany = golden.deepCopy();
        var mentions = tooMany.putArray("mentions");
        for (int i = 0; i <= MentionErased.MAX_MENTIONS; i++) {
            mentions.addObject().put("mentionId", UUID.randomUUID().toString());
        }
        assertThatThrownBy(() -> reader.mentionErased(tooMany.toString()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("10000");
    }
}
