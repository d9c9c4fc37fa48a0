package org.caresignal.sentiment.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;
import org.caresignal.sentiment.domain.SentimentFeatures;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small training run (no CoreNLP: analyses written by hand) and the analysis cache. */
class TrainToolTest {

    private static final String[][] ROWS = {
        {"positive", "the nurses were kind and helpful"},
        {"positive", "great care thank you so much"},
        {"positive", "lovely staff and a quick appointment"},
        {"positive", "the doctor was kind"},
        {"negative", "the wait was awful and the staff rude"},
        {"negative", "terrible care never again"},
        {"negative", "rude receptionist and a dirty room"},
        {"negative", "the doctor was rude"},
        {"neutral", "the clinic opens at nine on monday"},
        {"neutral", "parking is behind the main building"},
        {"neutral", "the appointment is on tuesday"},
        {"neutral", "visiting hours changed this week"},
    };

    @TempDir Path dir;

    private static List<TrainTool.Example> examples(SentimentFeatures features) {
        var examples = new ArrayList<TrainTool.Example>();
        for (var row : ROWS) {
            var label = LabelledText.parseLabel(row[0], Path.of("fixture"), 1);
            double[] p =
                    switch (label) {
                        case POSITIVE -> new double[] {0, 0.1, 0.3, 0.4, 0.2};
                        case NEGATIVE -> new double[] {0.2, 0.4, 0.3, 0.1, 0};
                        case NEUTRAL -> new double[] {0, 0.1, 0.8, 0.1, 0};
                    };
            var sentences = List.of(new AnalyzedSentence(List.of(row[1].split(" ")), p));
            examples.add(
                    new TrainTool.Example(
                            new TrainingData.Row("fixture", label, row[1], TrainingData.Role.TRAIN),
                            features.of(sentences, 0)));
        }
        return examples;
    }

    private static byte[] train() throws Exception {
        var features = new SentimentFeatures(Map.of("kind", 2, "rude", -2, "great", 3), 1 << 12);
        var settings = new TrainTool.Settings();
        settings.buckets = 1 << 12;
        settings.c = 10;
        var model = TrainTool.fit(examples(features), features, settings, "test");
        var out = new ByteArrayOutputStream();
        model.withCalibration(new double[] {1, 1, 1}, new double[3], 0.5).write(out);
        return out.toByteArray();
    }

    @Test
    void trainingTwiceGivesTheSameBytesAndAModelThatFitsItsRows() throws Exception {
        var first = train();
        var second = train();

        assertThat(second).isEqualTo(first);
        var model = SentimentModel.read(new java.io.ByteArrayInputStream(first));
        var features = new SentimentFeatures(Map.of("kind", 2, "rude", -2, "great", 3), 1 << 12);
        int right = 0;
        for (var e : examples(features)) {
            var p = model.probabilities(e.x());
            right += Calibration.argmax(p) == e.row().label().ordinal() ? 1 : 0;
        }
        assertThat(right).isEqualTo(ROWS.length);
    }

    @Test
    void cachedAnalysesReadBackExactly() throws Exception {
        var cache = AnalysisCache.empty();
        var precise = new double[] {0.1, 0.2, 1.0 / 3, 0.123456789012345678, Math.PI / 10};
        var analysis =
                List.of(
                        new AnalyzedSentence(List.of("it", "'s", "1 1/2", "miles", "."), precise),
                        new AnalyzedSentence(List.of(), new double[] {0, 0, 1, 0, 0}));
        cache.computeIfAbsent("it's 1 1/2 miles.", t -> analysis);
        cache.computeIfAbsent("nothing", t -> List.of());
        cache.computeIfAbsent("a\ttab", t -> analysis);
        var file = dir.resolve("cache/analysis.tsv");
        cache.write(file);

        var read = AnalysisCache.read(file);
        assertThat(read.size()).as("the text with a tab is not stored").isEqualTo(2);
        var back = read.computeIfAbsent("it's 1 1/2 miles.", t -> List.of());
        assertThat(back).hasSize(2);
        assertThat(back.get(0).tokens()).isEqualTo(analysis.get(0).tokens());
        assertThat(back.get(0).probabilities()).containsExactly(precise);
        assertThat(back.get(1).tokens()).isEmpty();
        assertThat(read.computeIfAbsent("nothing", t -> analysis)).isEmpty();
        assertThat(SentimentLabel.values()).hasSize(3);
    }
}
