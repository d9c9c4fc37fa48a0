package org.caresignal.sentiment.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate and train tools read a brand's exported corrections (the TSV of GET
 * /api/brands/{id}/corrections): evaluate reports the model's agreement with them, train adds them.
 */
class CorrectionsFileTest {

    /** What the export writes: lower-case labels, one text per line. */
    private static final String EXPORT =
            "positive\tNurses at Riverside North were wonderful.\n"
                    + "negative\tSix hours in the ER waiting room.\n"
                    + "neutral\tVisiting hours changed again.\n"
                    + "negative\tParking costs 20 dollars now.\n";

    @TempDir Path dir;

    @Test
    void evaluateReportsTheAgreementAndMacroRecallOnTheCorrections() throws Exception {
        var file =
                Files.writeString(dir.resolve("corrections.tsv"), EXPORT, StandardCharsets.UTF_8);
        // A stand-in model that calls everything negative: right on 2 of 4 rows.
        var report =
                EvaluateTool.correctionsReport(
                        text ->
                                new Sentiment(
                                        SentimentLabel.NEGATIVE, -0.5, false, "always-negative"),
                        file,
                        2);

        var lines = report.split("\n");
        assertThat(lines[0])
                .isEqualTo(
                        "corrections corrections.tsv: rows=4 model=always-negative agreement=50.00");
        assertThat(report).contains("posts=4").contains("accuracy=50.00");
        // Recall 100 on negative, 0 on neutral and positive.
        assertThat(lines[lines.length - 1]).isEqualTo("macro_recall=33.33");
    }

    @Test
    void trainAddsEveryRowOfTheCorrectionsFiles() throws Exception {
        var first = Files.writeString(dir.resolve("a.tsv"), EXPORT, StandardCharsets.UTF_8);
        var second =
                Files.writeString(
                        dir.resolve("b.tsv"), "positive\tGreat care.\n", StandardCharsets.UTF_8);

        var data = new TrainingData();
        data.add(first, TrainingData.FileKind.ALL_TRAIN);
        data.add(second, TrainingData.FileKind.ALL_TRAIN);

        // Every row trained on, whatever bucket of the split its text falls in.
        assertThat(data.rows)
                .hasSize(5)
                .allMatch(row -> row.role() == TrainingData.Role.TRAIN)
                .first()
                .isEqualTo(
                        new TrainingData.Row(
                                "a.tsv",
                                SentimentLabel.POSITIVE,
                                "Nurses at Riverside North were wonderful.",
                                TrainingData.Role.TRAIN));
        assertThat(data.rows.get(4).text()).isEqualTo("Great care.");
        assertThat(data.manifest()).contains("a.tsv").contains("rows=4").contains("sha256=");
    }
}
