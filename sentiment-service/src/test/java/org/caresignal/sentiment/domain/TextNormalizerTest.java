package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private static TextNormalizer normalizer;

    @BeforeAll
    static void load() {
        normalizer = SentimentScorer.normalizer();
    }

    private static String text(String raw) {
        return normalizer.normalize(raw).text();
    }

    @Test
    void decodesHtmlEntities() {
        assertThat(text("Tom &amp; Jerry &lt;3 &#8220;ok&#8221;"))
                .isEqualTo("Tom & Jerry love “ok”");
    }

    @Test
    void dropsLinksAndLeadingHandlesAndNamesOtherHandlesSomeone() {
        assertThat(text("@user @clinic thanks to @DrSmith for this https://t.co/abc www.x.org/y"))
                .isEqualTo("thanks to someone for this");
    }

    @Test
    void splitsHashtagsIntoWordsKeepingAcronyms() {
        assertThat(text("Four hours again #WorstERever"))
                .isEqualTo("Four hours again worst ER ever");
        assertThat(text("#worstdayever")).isEqualTo("worst day ever");
    }

    @Test
    void turnsEmojiAndEmoticonsIntoWords() {
        assertThat(text("Waiting room \uD83D\uDE21")).isEqualTo("Waiting room angry");
        assertThat(text("Great nurses :) <3")).isEqualTo("Great nurses happy love");
        assertThat(text("no again :(")).isEqualTo("no again sad");
    }

    @Test
    void undoesElongationAndShoutingAndCountsThemAsEmphasis() {
        var normalized = normalizer.normalize("sooo goood, the ICU staff were AMAZING!!!!");

        assertThat(normalized.text()).isEqualTo("so good, the ICU staff were amazing!");
        assertThat(normalized.emphasis()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void replacesSlangAndCollapsesOneTokenSpam() {
        assertThat(text("smh lol")).isEqualTo("disappointed haha");
        assertThat(text("bad bad bad bad bad bad bad bad")).isEqualTo("bad bad");
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(text("The nurse explained everything clearly."))
                .isEqualTo("The nurse explained everything clearly.");
    }
}
