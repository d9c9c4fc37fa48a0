package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthcarePhrasesTest {

    private final HealthcarePhrases phrases = new HealthcarePhrases();

    @Test
    void aTestThatCameBackNegativeIsGoodNews() {
        var cues = new ArrayList<String>();

        var text = phrases.rewrite("My biopsy results came back negative today", cues);

        assertThat(text).doesNotContain("negative").contains("good news");
        assertThat(cues).containsExactly(HealthcarePhrases.GOOD_NEWS);
    }

    @Test
    void testedNegativeIsGoodNewsToo() {
        var cues = new ArrayList<String>();

        assertThat(phrases.rewrite("Tested negative for covid!", cues)).contains("clear");
        assertThat(cues).containsExactly(HealthcarePhrases.GOOD_NEWS);
    }

    @Test
    void reliefFromTheIllnessIsGoodNews() {
        for (var text :
                List.of(
                        "Three months on I am pain free!",
                        "no more migraines since I started",
                        "the headaches have finally gone",
                        "My periods are almost pain-free now")) {
            var cues = new ArrayList<String>();

            assertThat(phrases.rewrite(text, cues))
                    .as(text)
                    .contains("relieved")
                    .doesNotContainIgnoringCase("pain")
                    .doesNotContainIgnoringCase("headache")
                    .doesNotContainIgnoringCase("migraine");
            assertThat(cues).containsExactly(HealthcarePhrases.GOOD_NEWS);
        }
        var cues = new ArrayList<String>();
        assertThat(phrases.rewrite("the pain was unbearable", cues))
                .isEqualTo("the pain was unbearable");
        assertThat(cues).isEmpty();
    }

    @Test
    void positiveForADiseaseIsAFactNotPraise() {
        var cues = new ArrayList<String>();

        var text = phrases.rewrite("My son tested positive for flu at the clinic", cues);

        assertThat(text).doesNotContainIgnoringCase("positive");
        assertThat(cues).contains(HealthcarePhrases.CLINICAL_FACT);
    }

    @Test
    void dischargedIsAFact() {
        var cues = new ArrayList<String>();

        assertThat(phrases.rewrite("Dad was discharged this morning", cues))
                .isEqualTo("Dad was sent home this morning");
        assertThat(cues).containsExactly(HealthcarePhrases.CLINICAL_FACT);
    }

    @Test
    void opinionsKeepTheirWords() {
        var cues = new ArrayList<String>();

        assertThat(phrases.rewrite("The front desk was so negative and rude", cues))
                .isEqualTo("The front desk was so negative and rude");
        assertThat(phrases.rewrite("Such a positive experience", cues))
                .isEqualTo("Such a positive experience");
        assertThat(cues).isEmpty();
    }
}
