package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long texts and mixed reviews with the production scorer and its production limits: sentences and
 * clauses weighed by what they are about, nothing of a long review dropped, pathological posts
 * still bounded.
 */
class LongReviewTest {

    /** The team-written reviews (docs/benchmarks.md, "Long reviews"): label TAB text. */
    private static final String REVIEWS = "sentiment/hospital-reviews.tsv";

    /** The share of those reviews the scorer must get right (measured: see the docs). */
    private static final double REQUIRED_SHARE = 0.70;

    private static SentimentScorer scorer;

    @BeforeAll
    static void loadModels() {
        scorer =
                SentimentScorer.load(
                        new SentimentScorer.Limits(
                                SentimentScorer.Limits.DEFAULT_MAX_CHARS,
                                50,
                                100,
                                SentimentScorer.Limits.DEFAULT_PARSE_BUDGET));
    }

    @AfterAll
    static void releaseModels() {
        scorer = null;
    }

    @Test
    void theIllnessDoesNotOutweighWhatIsSaidAboutTheHospital() {
        var scored = scorer.score("the pain was unbearable, the nurses were angels");

        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scored.aspects())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.aspect()).isEqualTo("nursing-care");
                            assertThat(a.label()).isEqualTo(SentimentLabel.POSITIVE);
                        });
    }

    @Test
    void equalPraiseAndComplaintIsMixedWithBothAspectsKeepingTheirLabels() {
        var scored =
                scorer.score(
                        "The nurses were kind and attentive. The billing department was rude and"
                                + " overcharged us.");

        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(scored.aspects())
                .filteredOn(a -> a.aspect().equals("nursing-care"))
                .singleElement()
                .extracting(AspectSentiment::label)
                .isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scored.aspects())
                .filteredOn(a -> a.aspect().equals("billing-cost"))
                .singleElement()
                .extracting(AspectSentiment::label)
                .isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void aClearComplaintIsNoMix() {
        var scored =
                scorer.score(
                        "The nurse was friendly enough. But we waited nine hours, nobody told us"
                                + " anything, the doctor was rude and the bathroom was filthy.");

        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void whatComesAfterTheFirstThousandCharactersCounts() {
        var story = new StringBuilder();
        while (story.length() < 1_500) {
            story.append("We took the early bus into town and then walked for a while. ");
        }
        var text =
                story
                        + "The nurses were rude and cold, the doctor ignored us and the ward was"
                        + " filthy. Awful, never again.";

        var scored = scorer.score(text);

        assertThat(text).hasSizeGreaterThan(1_500);
        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scored.aspects())
                .extracting(AspectSentiment::aspect)
                .contains("nursing-care", "cleanliness");
    }

    @Test
    void everyTokenOfASentenceLongerThanTheParserTakesIsParsed() {
        var sentence =
                "We arrived at the front desk at nine in the morning with my mother who had been"
                        + " unwell for three days and had not eaten much and the lady at the desk"
                        + " took her details and sent us to the waiting area where we sat near the"
                        + " window and after a while a nurse came and the nurse was rude, cold"
                        + " and dismissive to her and to us";
        var analyzer = new SentenceAnalyzer(SentenceAnalyzer.SR_PARSER, 50);

        var units = analyzer.analyze(sentence);

        int tokens = units.stream().mapToInt(u -> u.tokens().size()).sum();
        assertThat(tokens).isGreaterThan(60);
        assertThat(units).hasSizeGreaterThan(1);
        assertThat(units)
                .allSatisfy(u -> assertThat(u.tokens()).hasSizeLessThanOrEqualTo(50))
                .allSatisfy(u -> assertThat(u.probabilities()[2]).as("parsed").isLessThan(1.0));
        assertThat(units.get(units.size() - 1).tokens()).contains("rude", "dismissive");
        assertThat(scorer.score(sentence).sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void pathologicalPostsFinishFast() {
        var vocabulary =
                ("the ward nurse doctor waited hours pain kind rude clean bill parking food good"
                                + " bad never always very quite late early room bed night day"
                                + " called told")
                        .split(" ");
        var random = new Random(14);
        var prose = new StringBuilder();
        while (prose.length() < 20_000) {
            prose.append(vocabulary[random.nextInt(vocabulary.length)]);
            prose.append(random.nextInt(12) == 0 ? ". " : " ");
        }
        var posts =
                List.of(
                        "awful ".repeat(3_400),
                        "x".repeat(20_000),
                        "the waiting room was crowded and ".repeat(610),
                        "a.".repeat(10_000),
                        "!? ".repeat(6_700),
                        prose.toString(),
                        prose.toString().replace('.', ','));
        for (var post : posts) {
            scorer.score("warm up");
            long start = System.nanoTime();
            var scored = scorer.score(post);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(post).hasSizeGreaterThanOrEqualTo(19_000);
            assertThat(scored.sentiment().score()).isBetween(-1.0, 1.0);
            // A few hundred ms on a quiet core; the bound leaves room for a loaded CI machine.
            assertThat(millis)
                    .as("%s... took %d ms", post.substring(0, 30), millis)
                    .isLessThan(8_000);
        }
    }

    @Test
    void theTeamWrittenReviewsAreMostlyRight() throws IOException {
        List<String> lines;
        try (var in = SentimentScorer.resource(REVIEWS)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int right = 0;
        var wrong = new ArrayList<String>();
        for (var line : lines) {
            int tab = line.indexOf('\t');
            var gold = SentimentLabel.valueOf(line.substring(0, tab).toUpperCase());
            var text = line.substring(tab + 1);
            var label = scorer.score(text).sentiment().label();
            if (label == gold) {
                right++;
            } else {
                wrong.add(
                        gold
                                + " -> "
                                + label
                                + ": "
                                + text.substring(0, Math.min(60, text.length())));
            }
        }

        assertThat(lines).hasSizeBetween(40, 80);
        assertThat((double) right / lines.size())
                .as("share right; wrong: %s", wrong)
                .isGreaterThanOrEqualTo(REQUIRED_SHARE);
    }
}
