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
    void decodesEveryHtmlEntityAndLeavesReferencesToNoCharacterAsWritten() {
        assertThat(text("caf&eacute; &hellip; &apos;ok&apos; &amp;#39;x&amp;#39; &nbsp;done"))
                .isEqualTo("café … 'ok' 'x' done");
        assertThat(text("beef &#beef; and &#x110000; and &#99999999999;"))
                .isEqualTo("beef &#beef; and &#x110000; and &#99999999999;");
    }

    @Test
    void leadingHandlesAndRepeatedWordsAreFoundWithoutRegexRecursion() {
        var handles = "@a ".repeat(10_000) + "great nurses";
        assertThat(text(handles)).isEqualTo("great nurses");
        assertThat(TextNormalizer.collapseRepeatedWords("Bad bad BAD bad. ok ok ok ok ok"))
                .isEqualTo("Bad Bad. ok ok");
        assertThat(TextNormalizer.collapseRepeatedWords("bad bad bad badly"))
                .isEqualTo("bad bad bad badly");
        assertThat(TextNormalizer.withoutLeadingHandles(" .@a: @b,@c thanks @d"))
                .isEqualTo("thanks @d");
        assertThat(TextNormalizer.withoutLeadingHandles("@a.b hi")).isEqualTo(".b hi");
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
