package org.caresignal.sentiment.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.sentiment.domain.SentenceAnalyzer;
import org.caresignal.sentiment.domain.SentimentModel;
import org.caresignal.sentiment.domain.SentimentScorer;

/**
 * The combiner's calibration on a labelled file, for {@code evaluate}: the expected calibration
 * error of its own (uncalibrated) and of the calibrated probabilities, the reliability table and
 * how the model's uncertain band splits the rows. It runs the combiner on each whole text
 * (normalizer, CoreNLP, features, model), reading CoreNLP's analyses from the training cache when
 * it has them (the cache holds exact results, so this only saves time).
 */
record CalibrationReport(
        String version,
        int rows,
        double eceBefore,
        double eceAfter,
        String reliability,
        Calibration.Band band) {

    static CalibrationReport of(List<LabelledText> input, Path cacheFile, int threads, boolean pcfg)
            throws Exception {
        var model = SentimentScorer.model();
        var features = SentimentScorer.features(model.buckets());
        var data = new TrainingData();
        for (var row : input) {
            data.rows.add(
                    new TrainingData.Row(
                            "input", row.label(), row.text(), TrainingData.Role.REPORT));
        }
        var cache = pcfg ? AnalysisCache.empty() : AnalysisCache.read(cacheFile);
        var analyzer =
                new SentenceAnalyzer(
                        pcfg ? SentenceAnalyzer.PCFG_PARSER : SentenceAnalyzer.SR_PARSER,
                        Scorers.PRODUCTION_LIMITS.parseMaxLength());
        var analyzed = data.analyze(SentimentScorer.normalizer(), analyzer, cache, threads);
        var before = new ArrayList<double[]>();
        var after = new ArrayList<double[]>();
        int[] labels = new int[analyzed.size()];
        for (int i = 0; i < analyzed.size(); i++) {
            var a = analyzed.get(i);
            double[] scores = model.scores(features.of(a.sentences(), a.emphasis()));
            before.add(SentimentModel.uncalibrated(scores));
            after.add(model.calibrated(scores));
            labels[i] = a.row().label().ordinal();
        }
        return new CalibrationReport(
                model.version(),
                labels.length,
                Calibration.ece(before, labels),
                Calibration.ece(after, labels),
                Calibration.reliability(after, labels),
                Calibration.band(after, labels, model.uncertainBelow()));
    }

    String render() {
        return String.format(
                        Locale.ROOT,
                        "calibration of %s on %d rows (whole texts): ECE (%d bins) before=%.4f"
                                + " after=%.4f%n",
                        version,
                        rows,
                        Calibration.BINS,
                        eceBefore,
                        eceAfter)
                + "calibrated reliability:\n"
                + reliability
                + band.render();
    }
}
