package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MentionIdsTest {

    @Test
    void theSamePostAlwaysGetsTheSameId() {
        assertThat(MentionIds.of("mastodon", "113")).isEqualTo(MentionIds.of("mastodon", "113"));
    }

    @Test
    void theSameExternalIdOnAnotherSourceIsAnotherMention() {
        assertThat(MentionIds.of("mastodon", "113")).isNotEqualTo(MentionIds.of("reddit", "113"));
    }

    @Test
    void aSourceCannotContainTheSeparatorSoIdsCannotCollide() {
        assertThat(MentionIds.of("ab", "c")).isNotEqualTo(MentionIds.of("a", "bc"));
        assertThatThrownBy(() -> MentionIds.of("a|b", "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMissingParts() {
        assertThatThrownBy(() -> MentionIds.of("mastodon", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MentionIds.of(null, "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
