package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caresignal.sentiment.domain.PhraseRules.NEGATIVE_WORD;
import static org.caresignal.sentiment.domain.PhraseRules.POSITIVE_WORD;
import static org.caresignal.sentiment.domain.SentimentLabel.NEGATIVE;
import static org.caresignal.sentiment.domain.SentimentLabel.NEUTRAL;
import static org.caresignal.sentiment.domain.SentimentLabel.POSITIVE;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseRulesTest {

    private static PhraseRules rules(PhraseRules.Rule... rules) {
        return PhraseRules.of(List.of(rules));
    }

    private static PhraseRules.Rule rule(String phrase, SentimentLabel polarity) {
        return new PhraseRules.Rule(phrase, polarity);
    }

    /** The rewritten text with its runs of spaces as one, for readable expectations. */
    private static String rewrite(PhraseRules rules, String text) {
        return rules.rewrite(text).replaceAll(" +", " ").trim();
    }

    @Test
    void aNeutralPhraseIsBlankedAndAFixedOneBecomesItsReservedWord() {
        var rules =
                rules(
                        rule("war zone", NEUTRAL),
                        rule("angels of mercy", POSITIVE),
                        rule("meat grinder", NEGATIVE));

        assertThat(rewrite(rules, "The ER was a war zone tonight."))
                .isEqualTo("The ER was a tonight.");
        assertThat(rewrite(rules, "Night shift: angels of mercy, every one."))
                .isEqualTo("Night shift: " + POSITIVE_WORD + " , every one.");
        assertThat(rewrite(rules, "That ward is a meat grinder"))
                .isEqualTo("That ward is a " + NEGATIVE_WORD);
    }

    @Test
    void matchingIgnoresCaseAndHowMuchWhitespaceLiesBetweenWords() {
        var rules = rules(rule("Dr. Payne", NEUTRAL));

        assertThat(rewrite(rules, "DR. PAYNE saw me")).isEqualTo("saw me");
        assertThat(rewrite(rules, "saw dr.\n\t payne today")).isEqualTo("saw today");
        assertThat(rewrite(rules, "saw dr.payne today")).isEqualTo("saw today");
        // Punctuation is part of the phrase: without the full stop it is another phrase.
        assertThat(rewrite(rules, "saw Dr Payne today")).isEqualTo("saw Dr Payne today");
    }

    @Test
    void onlyWholeWordsMatch() {
        var rules = rules(rule("war zone", NEUTRAL), rule("pain", NEUTRAL));

        assertThat(rewrite(rules, "a warzone")).isEqualTo("a warzone");
        assertThat(rewrite(rules, "two war zones")).isEqualTo("two war zones");
        assertThat(rewrite(rules, "prewar zone")).isEqualTo("prewar zone");
        assertThat(rewrite(rules, "painful, painkillers, Spain"))
                .isEqualTo("painful, painkillers, Spain");
        assertThat(rewrite(rules, "pain, (pain) #pain pain's")).isEqualTo(", ( ) # 's");
        // Letters beyond ASCII are letters too: no boundary inside "painé".
        assertThat(rewrite(rules, "painé pain")).isEqualTo("painé");
    }

    @Test
    void theLongestPhraseWinsWhereSeveralStartAtOneWord() {
        var rules =
                rules(
                        rule("dr", NEGATIVE),
                        rule("dr . payne", NEUTRAL),
                        rule("dr. payne is the best", POSITIVE));

        assertThat(rewrite(rules, "Dr. Payne is the best!")).isEqualTo(POSITIVE_WORD + " !");
        assertThat(rewrite(rules, "Dr. Payne is kind")).isEqualTo("is kind");
        assertThat(rewrite(rules, "Dr. Smith is kind"))
                .isEqualTo(NEGATIVE_WORD + " . Smith is kind");
    }

    @Test
    void overlappingPhrasesDoNotBothMatchAndTheEarlierOneWins() {
        var rules = rules(rule("long wait", NEGATIVE), rule("wait staff", NEUTRAL));

        assertThat(rewrite(rules, "a long wait staff")).isEqualTo("a " + NEGATIVE_WORD + " staff");
        assertThat(rewrite(rules, "the wait staff had a long wait"))
                .isEqualTo("the had a " + NEGATIVE_WORD);
    }

    @Test
    void everyOccurrenceIsRewrittenAndTheRestOfTheTextIsKeptAsItWas() {
        var rules = rules(rule("war zone", NEUTRAL));
        var text = "War zone at 9,  war zone at 11 —\tcalm by 2 😀";

        assertThat(rules.rewrite(text)).isEqualTo("  at 9,    at 11 —\tcalm by 2 😀");
        assertThat(rules.rewrite("nothing here")).isSameAs(rules.rewrite("nothing here"));
        assertThat(PhraseRules.NONE.rewrite(text)).isSameAs(text);
    }

    @Test
    void regexMetacharactersInAPhraseAreLiteral() {
        var rules =
                rules(
                        rule("a.b", NEUTRAL),
                        rule("(x+)+$", NEGATIVE),
                        rule("C++ [ward]", POSITIVE),
                        rule("\\d*", NEUTRAL));

        assertThat(rewrite(rules, "axb a.b")).isEqualTo("axb");
        assertThat(rewrite(rules, "xxxx (x+)+$ xxxx")).isEqualTo("xxxx " + NEGATIVE_WORD + " xxxx");
        assertThat(rewrite(rules, "the c++ [WARD] and C+ [ward]"))
                .isEqualTo("the " + POSITIVE_WORD + " and C+ [ward]");
        assertThat(rewrite(rules, "123 \\d* d")).isEqualTo("123 d");
    }

    @Test
    void typographicApostrophesMatchTypedOnes() {
        var rules = rules(rule("Hell's Kitchen clinic", NEUTRAL));

        assertThat(rewrite(rules, "The Hell’s Kitchen Clinic was quick"))
                .isEqualTo("The was quick");
    }

    @Test
    void keysAndFingerprintsIgnoreCaseSpacingAndOrder() {
        assertThat(PhraseRules.key("  War   Zone ")).isEqualTo("war zone");
        assertThat(PhraseRules.key("Dr.Payne")).isEqualTo("dr . payne");
        assertThat(PhraseRules.key(" !? ")).isEqualTo("! ?");
        assertThat(PhraseRules.hasWord(" !? ")).isFalse();
        assertThat(PhraseRules.hasWord("A&E")).isTrue();

        var one = rules(rule("war zone", NEUTRAL), rule("Dr. Payne", NEUTRAL));
        var same = rules(rule("Dr.  payne", NEUTRAL), rule("WAR ZONE", NEUTRAL));
        var other = rules(rule("war zone", NEGATIVE), rule("Dr. Payne", NEUTRAL));
        assertThat(one.fingerprint()).hasSize(16).isEqualTo(same.fingerprint());
        assertThat(other.fingerprint()).isNotEqualTo(one.fingerprint());
        assertThat(PhraseRules.NONE.fingerprint()).isEmpty();
        assertThat(PhraseRules.of(List.of()).fingerprint()).isEmpty();
        assertThat(one.size()).isEqualTo(2);
    }

    @Test
    void aRepeatedPhraseKeepsItsFirstPolarity() {
        var rules = rules(rule("war zone", NEUTRAL), rule("War Zone", NEGATIVE));

        assertThat(rules.size()).isEqualTo(1);
        assertThat(rewrite(rules, "a war zone")).isEqualTo("a");
    }

    @Test
    void theExportedFileReadsBackAsTheSameRules() {
        var read =
                PhraseRules.readTsv(
                        List.of(
                                "# riverside-health",
                                "neutral\twar zone",
                                "",
                                "POSITIVE\tangels of mercy",
                                "negative\tmeat grinder"));

        assertThat(read.fingerprint())
                .isEqualTo(
                        rules(
                                        rule("war zone", NEUTRAL),
                                        rule("angels of mercy", POSITIVE),
                                        rule("meat grinder", NEGATIVE))
                                .fingerprint());
        assertThatThrownBy(() -> PhraseRules.readTsv(List.of("neutral war zone")))
                .hasMessage("line 1: expected polarity<TAB>phrase");
        assertThatThrownBy(() -> PhraseRules.readTsv(List.of("neutral\tok", "mixed\twar zone")))
                .hasMessage("line 2: polarity must be neutral, positive or negative");
    }

    @Test
    void aLongTextWithManyNearMissesTakesLinearTime() {
        var rules = rules(rule("a a a a a a a a a a a a a a a a a a a b", NEGATIVE));
        var text = "a ".repeat(200_000);

        long start = System.nanoTime();
        var rewritten = rules.rewrite(text);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(rewritten).isSameAs(text);
        // 200,000 tokens x 20 steps: a backtracking pattern over operator input could take hours.
        assertThat(millis).isLessThan(2_000);
    }
}
