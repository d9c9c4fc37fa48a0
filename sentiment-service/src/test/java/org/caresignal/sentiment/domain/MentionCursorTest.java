package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MentionCursorTest {

    @Test
    void aTokenReadsBackToTheSamePositionToTheNanosecond() {
        var cursor =
                new MentionCursor(
                        Instant.parse("2026-06-01T12:00:00.123456789Z"), UUID.randomUUID());
        var token = cursor.token();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(MentionCursor.parse(token)).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsNotACursor() {
        for (var bad :
                new String[] {
                    "", "abc", "!!!", "x".repeat(500), "bTEuMS4yLjM", // "m1.1.2.3": not a UUID
                }) {
            assertThatThrownBy(() -> MentionCursor.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a cursor");
        }
    }
}
