package org.caresignal.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The counting side of a brand's uncertain policy: which mentions are uncertain, and what the
 * negative triggers and sentiment figures see of a bucket under each policy.
 */
class UncertainCountsTest {

    /**
     * 10 mentions: 4 negative (1 uncertain), 4 neutral (1 uncertain, 2 in a language the model does
     * not read), 2 positive (1 uncertain).
     */
    private static final LabelCounts MIXED = new LabelCounts(10, 4, 4, 2, 1, 1, 1, 0, 2, 0);

    @Test
    void excludeLeavesUncertainAndUnreadOutOfTheNegativeCountAndTheShareButNotTheVolume() {
        var seen = MIXED.under(UncertainPolicy.EXCLUDE);

        assertThat(seen.volume()).isEqualTo(10);
        assertThat(seen.negative()).isEqualTo(3);
        assertThat(seen.neutral()).isEqualTo(1);
        assertThat(seen.positive()).isEqualTo(1);
        assertThat(seen.assessed()).isEqualTo(5);
        assertThat(seen.negativeShare()).isEqualTo(0.6);
    }

    @Test
    void negativeCountsEveryUncertainMentionAsNegativeWhateverItsLabel() {
        var seen = MIXED.under(UncertainPolicy.NEGATIVE);

        assertThat(seen.volume()).isEqualTo(10);
        assertThat(seen.negative()).as("3 certain + 3 uncertain").isEqualTo(6);
        assertThat(seen.neutral()).isEqualTo(1);
        assertThat(seen.positive()).isEqualTo(1);
        assertThat(seen.assessed()).as("all but the 2 unread").isEqualTo(8);
    }

    @Test
    void neutralCountsEveryUncertainMentionAsNeutral() {
        var seen = MIXED.under(UncertainPolicy.NEUTRAL);

        assertThat(seen.volume()).isEqualTo(10);
        assertThat(seen.negative()).isEqualTo(3);
        assertThat(seen.neutral()).as("1 certain + 3 uncertain").isEqualTo(4);
        assertThat(seen.positive()).isEqualTo(1);
        assertThat(seen.assessed()).isEqualTo(8);
    }

    @Test
    void unreadMentionsAreLeftOutOfTheNegativeTriggersUnderEveryPolicy() {
        // Ten posts in Spanish, published NEUTRAL and uncertain, and one English complaint.
        var unread = new LabelCounts(11, 1, 10, 0, 0, 0, 0, 0, 10, 0);

        for (var policy : UncertainPolicy.values()) {
            var seen = unread.under(policy);
            assertThat(seen.volume()).as(policy.name()).isEqualTo(11);
            assertThat(seen.negative()).as(policy.name()).isEqualTo(1);
            assertThat(seen.assessed()).as(policy.name()).isEqualTo(1);
        }
    }

    @Test
    void countsWithoutUncertainMentionsReadTheSameUnderEveryPolicy() {
        var certain = LabelCounts.certain(3, 5, 2);
        for (var policy : UncertainPolicy.values()) {
            var seen = certain.under(policy);
            assertThat(seen.volume()).isEqualTo(10);
            assertThat(seen.negative()).isEqualTo(3);
            assertThat(seen.neutral()).isEqualTo(5);
            assertThat(seen.positive()).isEqualTo(2);
        }
    }

    @Test
    void sumsAddEveryColumnAndInconsistentCountsAreRefused() {
        var sum = MIXED.plus(LabelCounts.certain(1, 0, 0));
        assertThat(sum).isEqualTo(new LabelCounts(11, 5, 4, 2, 1, 1, 1, 0, 2, 0));
        assertThat(sum.uncertain()).isEqualTo(3);
        assertThat(sum.unread()).isEqualTo(2);

        assertThatThrownBy(() -> new LabelCounts(1, 1, 0, 0, 1, 0, 0, 1, 0, 0))
                .as("more uncertain and unread negatives than negatives")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelCounts(3, 1, 1, 0, 0, 0, 0, 0, 0, 0))
                .as("labels that do not add up to the total")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void certaintyComesFromUncertainLanguageAndCorrection() {
        assertThat(Certainty.of(false, "en", false)).isEqualTo(Certainty.CERTAIN);
        assertThat(Certainty.of(false, "es", false))
                .as("a language the scorer says it is sure of")
                .isEqualTo(Certainty.CERTAIN);
        assertThat(Certainty.of(true, "en", false)).isEqualTo(Certainty.UNCERTAIN);
        assertThat(Certainty.of(true, "und", false)).isEqualTo(Certainty.UNCERTAIN);
        assertThat(Certainty.of(true, null, false))
                .as("an event without language (older producer) was scored")
                .isEqualTo(Certainty.UNCERTAIN);
        assertThat(Certainty.of(true, "en-GB", false)).isEqualTo(Certainty.UNCERTAIN);
        assertThat(Certainty.of(true, "EN", false)).isEqualTo(Certainty.UNCERTAIN);
        assertThat(Certainty.of(true, "es", false)).isEqualTo(Certainty.UNREAD_LANGUAGE);
        assertThat(Certainty.of(true, "fr", false)).isEqualTo(Certainty.UNREAD_LANGUAGE);
        assertThat(Certainty.of(true, "es", true))
                .as("an analyst's correction is certain")
                .isEqualTo(Certainty.CERTAIN);
        assertThat(Certainty.of(true, "en", true)).isEqualTo(Certainty.CERTAIN);
    }

    @Test
    void policiesParseInAnyCaseAndNothingElse() {
        assertThat(UncertainPolicy.parse("NEGATIVE")).contains(UncertainPolicy.NEGATIVE);
        assertThat(UncertainPolicy.parse("neutral")).contains(UncertainPolicy.NEUTRAL);
        assertThat(UncertainPolicy.parse(" Exclude ")).contains(UncertainPolicy.EXCLUDE);
        assertThat(UncertainPolicy.parse("IGNORE")).isEmpty();
        assertThat(UncertainPolicy.parse("")).isEmpty();
        assertThat(UncertainPolicy.parse(null)).isEmpty();
        assertThat(UncertainPolicy.DEFAULT).isEqualTo(UncertainPolicy.EXCLUDE);
    }
}
