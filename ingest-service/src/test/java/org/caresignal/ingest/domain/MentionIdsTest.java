package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
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

    private static final String POST = "https://mastodon.example/users/alice/statuses/113";

    @Test
    void aPostsIdsAreStableAcrossReleases() {
        // Persisted and published: these values must never change.
        assertThat(MentionIds.of("mastodon", POST))
                .isEqualTo(UUID.fromString("464232f7-c416-330a-abb8-831e2fbef0a1"));
        assertThat(MentionIds.ofAdditionalBrand("mastodon", POST, "st-lukes"))
                .isEqualTo(UUID.fromString("81c9d595-3498-3721-89fa-8261939b335c"));
        assertThat(MentionIds.ofAdditionalBrand("mastodon", POST, "st-lukes"))
                .isEqualTo(MentionIds.ofAdditionalBrand("mastodon", POST, "st-lukes"));
    }

    @Test
    void eachFurtherBrandOfAPostHasItsOwnIdAndNoneIsThePostsOwn() {
        var ids =
                List.of(
                        MentionIds.of("mastodon", POST),
                        MentionIds.ofAdditionalBrand("mastodon", POST, "mercy-health"),
                        MentionIds.ofAdditionalBrand("mastodon", POST, "st-lukes"),
                        MentionIds.ofAdditionalBrand("reddit", POST, "st-lukes"),
                        MentionIds.ofAdditionalBrand("mastodon", POST + "4", "st-lukes"));
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void separatorsInsideThePartsCannotMakeTwoPairsCollide() {
        var ids =
                List.of(
                        // the separator moved between external id and brand
                        MentionIds.ofAdditionalBrand("x", "a|b", "c"),
                        MentionIds.ofAdditionalBrand("x", "a", "b|c"),
                        // a length prefix forged inside the external id
                        MentionIds.ofAdditionalBrand("x", "1:a|2:bc", "d"),
                        MentionIds.ofAdditionalBrand("x", "1:a", "2:bc|d"),
                        // the source's length absorbing a digit of the external id
                        MentionIds.ofAdditionalBrand("x1", "2:ab", "c"),
                        MentionIds.ofAdditionalBrand("x", "12:ab", "c"),
                        // what an additional-brand name looks like, as a plain post id
                        MentionIds.of("x", "a|b"),
                        MentionIds.of("brand", "1:x|3:a|b|c"));
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void anAdditionalBrandNeedsEveryPart() {
        assertThatThrownBy(() -> MentionIds.ofAdditionalBrand("mastodon", POST, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MentionIds.ofAdditionalBrand("mastodon", null, "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MentionIds.ofAdditionalBrand("a|b", "c", "d"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
