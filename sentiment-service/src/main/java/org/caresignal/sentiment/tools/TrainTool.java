package org.caresignal.sentiment.tools;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.caresignal.sentiment.domain.SentenceAnalyzer;
import org.caresignal.sentiment.domain.SentimentFeatures;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentModel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.tools.TrainingData.Analyzed;
import org.caresignal.sentiment.tools.TrainingData.FileKind;
import org.caresignal.sentiment.tools.TrainingData.Role;

/**
 * The {@code sentiment-service/train} command: the shared data sets in, the word list and the
 * combiner (weights, calibration, uncertain band) out, with a manifest and the figures on the
 * development, held-back and report rows. Rows are split by {@link Splits}; the SemEval training
 * buckets, the GP comments' trained half and analysts' corrections are trained on (liblinear,
 * L2-regularized logistic regression, primal solver, one thread, no randomness), the calibration
 * and the uncertain band are fitted on the development split. A run from the same files gives the
 * same bytes (the checksum is printed).
 */
public final class TrainTool {

    /** The choices made on the development split (docs/sentiment-model.md has the figures). */
    static final class Settings {
        double c = Double.parseDouble(System.getProperty("train.c", "4"));
        int buckets = Integer.getInteger("train.buckets", 1 << 20);
        boolean balanced = Boolean.parseBoolean(System.getProperty("train.balanced", "true"));
        boolean dense = Boolean.parseBoolean(System.getProperty("train.dense", "true"));
        double denseScale = Double.parseDouble(System.getProperty("train.denseScale", "1"));
        double prune = Double.parseDouble(System.getProperty("train.prune", "0.003"));
        int digits = Integer.getInteger("train.digits", 3);
        String calibration = System.getProperty("train.calibration", "temperature");
        double epsilon = Double.parseDouble(System.getProperty("train.eps", "0.01"));

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "C=%s buckets=%d balanced=%s dense=%s denseScale=%s prune=%s digits=%d"
                            + " calibration=%s eps=%s",
                    c,
                    buckets,
                    balanced,
                    dense,
                    denseScale,
                    prune,
                    digits,
                    calibration,
                    epsilon);
        }
    }

    static final String MODEL_FILE = "model.tsv.gz";

    private TrainTool() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        Path outDir = null;
        String version = null;
        Path cacheFile = Path.of("target/train-cache/analysis.tsv");
        boolean experiment = false;
        var extras = new ArrayList<String>();
        var reports = new ArrayList<Path>();
        var correctionFiles = new ArrayList<Path>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> dataDir = Path.of(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                case "--version" -> version = args[++i];
                case "--cache" -> cacheFile = Path.of(args[++i]);
                case "--extra" -> extras.add(args[++i]);
                case "--report" -> reports.add(Path.of(args[++i]));
                case "--corrections" -> correctionFiles.add(Path.of(args[++i]));
                case "--experiment" -> experiment = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (dataDir == null || (!experiment && (outDir == null || version == null))) {
            usage("--data, --out and --version are required");
        }
        long start = System.nanoTime();
        var settings = new Settings();
        var data = new TrainingData();
        data.add(dataDir.resolve("semeval-tweets-train.tsv"), FileKind.SPLIT);
        data.add(dataDir.resolve("gp-fft-comments.tsv"), FileKind.HALVES);
        for (var extra : extras) {
            data.add(dataDir.resolve(extra), FileKind.EXTRA);
        }
        for (var file : correctionFiles) {
            data.add(file, FileKind.ALL_TRAIN);
        }
        for (var file : reports) {
            data.add(file, FileKind.REPORT_ONLY);
        }
        System.out.print(data.manifest());
        System.out.println("settings: " + settings);

        var counts = data.wordCounts();
        var normalizer = SentimentScorer.normalizer(counts);
        var cache = AnalysisCache.read(cacheFile);
        var analyzer = new SentenceAnalyzer(SentenceAnalyzer.SR_PARSER, 50);
        if (Boolean.getBoolean("train.cachedOnly")) {
            // Quick looks while the cache fills; never for a written model.
            data.rows.removeIf(r -> !cache.contains(normalizer.normalize(r.text()).text()));
            experiment = true;
            System.out.println("cached rows only: " + data.rows.size());
        }
        var analyzed =
                data.analyze(
                        normalizer, analyzer, cache, Runtime.getRuntime().availableProcessors());
        if (cache.added() > 0) {
            cache.write(cacheFile);
        }
        System.err.printf(
                Locale.ROOT,
                "analysis done in %d s (%d from the cache %s)%n",
                (System.nanoTime() - start) / 1_000_000_000L,
                analyzed.size() - cache.added(),
                cacheFile);

        var sweep = System.getProperty("train.sweep");
        if (sweep != null) {
            // Development only: several values of C on the same features, dev figures each.
            var features = new SentimentFeatures(SentimentScorer.lexicon(), settings.buckets);
            var examples = examples(analyzed, features);
            for (var c : sweep.split(",")) {
                settings.c = Double.parseDouble(c);
                System.out.println("=== sweep " + settings);
                var raw = fit(train(examples), features, settings, "experiment");
                var dev = examples.stream().filter(e -> e.row().role() == Role.DEV).toList();
                for (var variant :
                        List.of("0:0", "0:0.001", "0:0.003", "0:0.01", "4:0", "3:0", "3:0.003")) {
                    int digits = Integer.parseInt(variant.split(":")[0]);
                    double prune = Double.parseDouble(variant.split(":")[1]);
                    var model = raw.mapWeights(w -> Math.abs(w) < prune ? 0 : round(w, digits));
                    var scores = dev.stream().map(e -> model.scores(e.x())).toList();
                    int[] labels = labels(dev);
                    var report = new ClassificationReport();
                    for (int i = 0; i < labels.length; i++) {
                        report.add(
                                SentimentLabel.values()[labels[i]],
                                SentimentLabel.values()[Calibration.argmax(scores.get(i))]);
                    }
                    var temperature = Calibration.temperature(scores, labels);
                    var vector = Calibration.vector(scores, labels);
                    var bytes = new ByteArrayOutputStream();
                    model.write(bytes);
                    System.out.printf(
                            Locale.ROOT,
                            "  digits=%d prune=%s weights=%d gz=%d bytes dev macro_recall=%.2f"
                                    + " accuracy=%.2f macro_f1=%.2f | ECE raw=%.4f temperature=%.4f"
                                    + " (NLL %.4f) vector=%.4f (NLL %.4f, macro_recall %.2f)%n",
                            digits,
                            prune,
                            model.size(),
                            bytes.size(),
                            100 * report.macroRecall(),
                            100 * report.accuracy(),
                            100 * report.macroF1(),
                            Calibration.ece(
                                    scores.stream().map(SentimentModel::uncalibrated).toList(),
                                    labels),
                            Calibration.ece(
                                    scores.stream().map(temperature::apply).toList(), labels),
                            Calibration.nll(scores, labels, temperature),
                            Calibration.ece(scores.stream().map(vector::apply).toList(), labels),
                            Calibration.nll(scores, labels, vector),
                            100 * macroRecall(scores.stream().map(vector::apply).toList(), labels));
                }
            }
            return;
        }
        var features = new SentimentFeatures(SentimentScorer.lexicon(), settings.buckets);
        var examples = examples(analyzed, features);
        var calibrated = evaluate(examples, features, settings, version, true);
        if (experiment) {
            System.out.printf(
                    Locale.ROOT,
                    "experiment done in %d s; nothing written%n",
                    (System.nanoTime() - start) / 1_000_000_000L);
            return;
        }
        TrainingData.writeWords(outDir.resolve("words.tsv"), counts);
        var bytes = new ByteArrayOutputStream();
        calibrated.write(bytes);
        var modelFile = outDir.resolve(MODEL_FILE);
        Files.write(modelFile, bytes.toByteArray());
        System.out.printf(
                Locale.ROOT,
                "model=%s features=%d file=%s bytes=%d%n",
                calibrated.version(),
                calibrated.size(),
                modelFile,
                bytes.size());
        System.out.printf(
                Locale.ROOT,
                "words.tsv sha256=%s%n",
                TrainingData.sha256(outDir.resolve("words.tsv")));
        System.out.printf(
                Locale.ROOT,
                "trained in %d s%nmodel sha256=%s%n",
                (System.nanoTime() - start) / 1_000_000_000L,
                TrainingData.sha256(modelFile));
    }

    static List<Example> examples(List<Analyzed> analyzed, SentimentFeatures features) {
        var examples = new ArrayList<Example>(analyzed.size());
        for (var a : analyzed) {
            examples.add(new Example(a.row(), features.of(a.sentences(), a.emphasis())));
        }
        return examples;
    }

    /**
     * Trains on the TRAIN rows, calibrates on the DEV rows, prints the ECE and the reports; returns
     * the calibrated model.
     */
    static SentimentModel evaluate(
            List<Example> examples,
            SentimentFeatures features,
            Settings settings,
            String version,
            boolean allReports) {
        var model =
                fit(
                        examples.stream().filter(e -> e.row().role() == Role.TRAIN).toList(),
                        features,
                        settings,
                        version);
        var dev = examples.stream().filter(e -> e.row().role() == Role.DEV).toList();
        var heldBack = examples.stream().filter(e -> e.row().role() == Role.HELD_BACK).toList();
        var devScores = dev.stream().map(e -> model.scores(e.x())).toList();
        int[] devLabels = labels(dev);
        var fit =
                settings.calibration.equals("vector")
                        ? Calibration.vector(devScores, devLabels)
                        : Calibration.temperature(devScores, devLabels);
        var unbanded = model.withCalibration(fit.scale(), fit.shift(), 0);
        double threshold =
                Calibration.uncertainThreshold(
                        devScores.stream().map(unbanded::calibrated).toList(), devLabels);
        var calibrated = model.withCalibration(fit.scale(), fit.shift(), threshold);
        System.out.printf(
                Locale.ROOT,
                "calibration (%s, fitted on dev): scale=%s shift=%s; model weights=%d%n",
                settings.calibration,
                Arrays.toString(fit.scale()),
                Arrays.toString(fit.shift()),
                model.size());
        var parts = new LinkedHashMap<String, List<Example>>();
        parts.put("dev", dev);
        if (allReports) {
            parts.put("held-back", heldBack);
        }
        for (var part : parts.entrySet()) {
            var rows = part.getValue();
            var scores = rows.stream().map(e -> model.scores(e.x())).toList();
            int[] labels = labels(rows);
            var before = scores.stream().map(SentimentModel::uncalibrated).toList();
            var after = scores.stream().map(calibrated::calibrated).toList();
            System.out.printf(
                    Locale.ROOT,
                    "ECE %s (%d bins): before=%.4f after=%.4f; NLL before=%.4f after=%.4f%n",
                    part.getKey(),
                    Calibration.BINS,
                    Calibration.ece(before, labels),
                    Calibration.ece(after, labels),
                    meanNll(before, labels),
                    meanNll(after, labels));
            System.out.println(
                    "  "
                            + part.getKey()
                            + " "
                            + Calibration.band(after, labels, threshold).render());
        }
        var groups = new LinkedHashMap<String, List<Example>>();
        groups.put("dev (SemEval bucket 1)", dev);
        if (allReports) {
            groups.put("held-back (SemEval bucket 0)", heldBack);
            for (var e : examples) {
                if (e.row().role() == Role.REPORT) {
                    groups.computeIfAbsent(
                                    e.row().file() + " (reported rows)", k -> new ArrayList<>())
                            .add(e);
                }
            }
        }
        for (var group : groups.entrySet()) {
            var report = new ClassificationReport();
            for (var e : group.getValue()) {
                report.add(
                        e.row().label(),
                        SentimentLabel.values()[
                                Calibration.argmax(calibrated.probabilities(e.x()))]);
            }
            System.out.println("== " + group.getKey() + ":");
            System.out.println(report.render());
        }
        return calibrated;
    }

    static List<Example> train(List<Example> examples) {
        return examples.stream().filter(e -> e.row().role() == Role.TRAIN).toList();
    }

    static double macroRecall(List<double[]> probabilities, int[] labels) {
        var report = new ClassificationReport();
        for (int i = 0; i < labels.length; i++) {
            report.add(
                    SentimentLabel.values()[labels[i]],
                    SentimentLabel.values()[Calibration.argmax(probabilities.get(i))]);
        }
        return report.macroRecall();
    }

    record Example(TrainingData.Row row, SentimentFeatures.Vector x) {}

    static int[] labels(List<Example> rows) {
        return rows.stream().mapToInt(e -> e.row().label().ordinal()).toArray();
    }

    private static double meanNll(List<double[]> probabilities, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(1e-15, probabilities.get(i)[labels[i]]));
        }
        return sum / Math.max(1, labels.length);
    }

    /**
     * Trains the three one-versus-rest regressions with liblinear (L2-regularized logistic
     * regression, primal Newton solver); the intercept is one more, regularized, feature. The
     * result has an identity calibration.
     */
    static SentimentModel fit(
            List<Example> train, SentimentFeatures features, Settings settings, String version) {
        int dimension = features.dimension();
        var problem = new Problem();
        problem.l = train.size();
        problem.n = dimension + 1;
        problem.bias = -1;
        problem.x = new Feature[train.size()][];
        problem.y = new double[train.size()];
        int[] perClass = new int[3];
        for (int i = 0; i < train.size(); i++) {
            var x = train.get(i).x();
            var nodes = new ArrayList<Feature>(x.size() + 1);
            for (int k = 0; k < x.size(); k++) {
                int j = x.indices()[k];
                if (j < SentimentFeatures.DENSE) {
                    if (settings.dense) {
                        nodes.add(new FeatureNode(j + 1, x.values()[k] * settings.denseScale));
                    }
                } else {
                    nodes.add(new FeatureNode(j + 1, x.values()[k]));
                }
            }
            nodes.add(new FeatureNode(dimension + 1, 1.0));
            problem.x[i] = nodes.toArray(new Feature[0]);
            int label = train.get(i).row().label().ordinal();
            problem.y[i] = label;
            perClass[label]++;
        }
        var parameter = new Parameter(SolverType.L2R_LR, settings.c, settings.epsilon);
        if (settings.balanced) {
            double[] weights = new double[3];
            for (int c = 0; c < 3; c++) {
                weights[c] = train.size() / (3.0 * Math.max(1, perClass[c]));
            }
            parameter.setWeights(weights, new int[] {0, 1, 2});
        }
        Linear.resetRandom();
        Linear.disableDebugOutput();
        long start = System.nanoTime();
        var trained = Linear.train(problem, parameter);
        System.err.printf(
                Locale.ROOT,
                "liblinear: %d rows, %d features, %d s%n",
                problem.l,
                problem.n,
                (System.nanoTime() - start) / 1_000_000_000L);
        int[] labels = trained.getLabels();
        double[] w = trained.getFeatureWeights();
        int classes = trained.getNrClass();
        if (classes != 3) {
            throw new IllegalStateException("training data must hold all three classes");
        }
        float[][] weights = new float[3][dimension];
        double[] bias = new double[3];
        for (int k = 0; k < 3; k++) {
            int c = labels[k];
            for (int j = 0; j < dimension; j++) {
                double v = w[j * classes + k];
                if (j < SentimentFeatures.DENSE) {
                    v *= settings.denseScale;
                    if (!settings.dense) {
                        v = 0;
                    }
                }
                weights[c][j] = Math.abs(v) < settings.prune ? 0 : round(v, settings.digits);
            }
            bias[c] = round(w[dimension * classes + k], settings.digits);
        }
        return new SentimentModel(
                version,
                features.buckets(),
                weights,
                bias,
                new double[] {1, 1, 1},
                new double[3],
                0);
    }

    /** To float, or to so many significant digits (a smaller file). */
    static float round(double v, int digits) {
        if (digits <= 0 || v == 0) {
            return (float) v;
        }
        return Float.parseFloat(String.format(Locale.ROOT, "%." + digits + "g", v));
    }

    /** The rows of exported corrections files ({@code GET /api/brands/{id}/corrections}). */
    static List<LabelledText> readCorrections(List<Path> files) throws IOException {
        var rows = new ArrayList<LabelledText>();
        for (var file : files) {
            rows.addAll(LabelledText.read(file));
        }
        return rows;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: train --data DIR --out DIR --version NAME [--extra FILE]... [--report"
                        + " FILE]... [--corrections FILE]... [--cache FILE] [--experiment]");
        System.exit(2);
    }
}
