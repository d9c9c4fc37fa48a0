package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
