package org.caresignal.alert.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.Certainty;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentionScoredTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    private MentionScored read(ObjectNode json) throws Exception {
        return mapper.treeToValue(json, MentionScored.class);
    }

    @Test
    void theGoldenEventMapsToTheMentionToCount() throws Exception {
        var mention = read(ScoredMentions.golden()).toLabelledMention();

        assertThat(mention)
                .isEqualTo(
                        new LabelledMention(
                                UUID.fromString("5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93"),
                                "riverside-health",
                                "riverside-north",
                                SentimentLabel.NEGATIVE,
                                Instant.parse("2026-11-24T14:03:00Z"),
                                "https://social.example/@someone/48213"));
    }

    @Test
    void theGoldenRevisionAndCorrectedFlagAreRead() throws Exception {
        var event = read(ScoredMentions.golden().put("revision", 3).put("corrected", true));

        assertThat(event.toLabelledMention().revision()).isEqualTo(3);
        assertThat(event.isCorrected()).isTrue();
    }

    @Test
    void uncertainAndLanguageSayHowSureTheLabelIs() throws Exception {
        assertThat(read(ScoredMentions.golden()).toLabelledMention().certainty())
                .isEqualTo(Certainty.CERTAIN);
        assertThat(
                        read(ScoredMentions.golden().put("uncertain", true))
                                .toLabelledMention()
                                .certainty())
                .isEqualTo(Certainty.UNCERTAIN);
        assertThat(
                        read(ScoredMentions.golden()
                                        .put("uncertain", true)
                                        .put("language", "es")
                                        .put("label", "NEUTRAL"))
                                .toLabelledMention()
                                .certainty())
                .isEqualTo(Certainty.UNREAD_LANGUAGE);
        assertThat(
                        read(ScoredMentions.golden()
                                        .put("uncertain", true)
                                        .put("language", "es")
                                        .put("revision", 1)
                                        .put("corrected", true))
                                .toLabelledMention()
                                .certainty())
                .as("an analyst's correction")
                .isEqualTo(Certainty.CERTAIN);
        var older = ScoredMentions.golden();
        older.remove("uncertain");
        older.remove("language");
        assertThat(read(older).toLabelledMention().certainty()).isEqualTo(Certainty.CERTAIN);
    }

    @Test
    void anAbsentRevisionIsTheFirstScoring() throws Exception {
        var json = ScoredMentions.golden();
        json.remove("revision");
        json.remove("corrected");

        var event = read(json);
        assertThat(event.toLabelledMention().revision()).isZero();
        assertThat(event.isCorrected()).isFalse();
    }

    @Test
    void aNegativeRevisionIsInvalid() throws Exception {
        var json = ScoredMentions.golden().put("revision", -1);

        assertThatThrownBy(() -> read(json).toLabelledMention())
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("revision");
    }

    @Test
    void aFacilityThatIsNotASlugIsInvalid() throws Exception {
        var json = ScoredMentions.golden().put("facilityId", "North Wing!");

        assertThatThrownBy(() -> read(json).toLabelledMention())
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("facilityId");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        var json = ScoredMentions.golden().put("language", "en");

        assertThat(read(json).toLabelledMention().brandId()).isEqualTo("riverside-health");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mentionId", "brandId", "label", "publishedAt"})
    void aMissingRequiredFieldIsRejected(String field) throws Exception {
        var json = ScoredMentions.golden();
        json.remove(field);

        assertThatThrownBy(() -> read(json).toLabelledMention())
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.MISSING_FIELD))
                .hasMessage(field + " is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MIXED", "negative", ""})
    void anUnknownLabelIsRejected(String label) throws Exception {
        var json = ScoredMentions.golden().put("label", label);

        assertThatThrownBy(() -> read(json).toLabelledMention())
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void aBrandIdThatIsNotASlugIsRejected() throws Exception {
        var json = ScoredMentions.golden().put("brandId", "Riverside Health");

        assertThatThrownBy(() -> read(json).toLabelledMention())
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.INVALID_FIELD));
    }

    @Test
    void onlyTheAspectsLabelledNegativeAndNamedBySlugsAreKept() throws Exception {
        var golden = ScoredMentions.golden();
        assertThat(read(golden).negativeAspects()).containsExactly("emergency-wait");
        var aspects = golden.withArray("aspects");
        aspects.addObject().put("aspect", "billing").put("label", "NEGATIVE").put("score", -0.3);
        aspects.addObject().put("aspect", "emergency-wait").put("label", "NEGATIVE");
        aspects.addObject().put("aspect", "Bad Slug").put("label", "NEGATIVE");
        aspects.addObject().put("label", "NEGATIVE");
        aspects.addObject().put("aspect", "parking").put("label", "NEUTRAL").put("extra", 1);
        assertThat(read(golden).negativeAspects()).containsExactly("emergency-wait", "billing");
        golden.remove("aspects");
        assertThat(read(golden).negativeAspects()).isEmpty();
    }
}
