package org.caresignal.sentiment.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --corrections FILE --rules FILE}: a brand's corrections scored without and with
 * the brand's phrase rules (both files as the service exports them), and the agreement of each.
 */
class RulesEvaluationTest {

    private static final String CORRECTIONS =
            "neutral\tFriday in the trauma bay was a war zone.\n"
                    + "positive\tDr. Payne explained everything, thank you.\n"
                    + "negative\tSix hours in the ER waiting room, a war zone of neglect.\n"
                    + "neutral\tVisiting hours changed again.\n";

    private static final String RULES = "neutral\tWar Zone\nnegative\tof neglect\n";

    /** Negative on "war" or the reserved negative word, positive on "thank", else neutral. */
    private static Sentiment standIn(String text) {
        var lower = text.toLowerCase();
        if (lower.contains("war") || lower.contains(PhraseRules.NEGATIVE_WORD)) {
            return new Sentiment(SentimentLabel.NEGATIVE, -0.5, false, "stand-in");
        }
        if (lower.contains("thank")) {
            return new Sentiment(SentimentLabel.POSITIVE, 0.5, false, "stand-in");
        }
        return new Sentiment(SentimentLabel.NEUTRAL, 0, false, "stand-in");
    }

    @TempDir Path dir;

    @Test
    void theAgreementIsReportedWithoutAndWithTheBrandsRules() throws Exception {
        var corrections =
                Files.writeString(dir.resolve("riverside-health-corrections.tsv"), CORRECTIONS);
        var rules =
                Files.writeString(
                        dir.resolve("riverside-health-phrase-rules.tsv"),
                        RULES,
                        StandardCharsets.UTF_8);

        var report = EvaluateTool.rulesReport(RulesEvaluationTest::standIn, rules, corrections, 2);

        var lines = report.split("\n");
        // Without rules the first row ("war zone") is called negative: 3 of 4 agree.
        assertThat(lines[0])
                .isEqualTo(
                        "corrections riverside-health-corrections.tsv: rows=4 model=stand-in"
                                + " agreement=75.00");
        // With them "war zone" is blanked and "of neglect" read as negative: 4 of 4; the two
        // rows the rules rewrote were scored again.
        assertThat(report)
                .contains(
                        "corrections riverside-health-corrections.tsv with rules"
                                + " riverside-health-phrase-rules.tsv: rows=4 rules=2 rewritten=2"
                                + " model=stand-in agreement=100.00");
        assertThat(lines[lines.length - 1])
                .isEqualTo(
                        "agreement riverside-health-corrections.tsv: without_rules=75.00"
                                + " with_rules=100.00");
    }
}
