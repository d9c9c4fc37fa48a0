package org.caresignal.sentiment.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.caresignal.sentiment.domain.SentenceAnalyzer;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;
import org.caresignal.sentiment.domain.SentimentFeatures;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.SentimentModel;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.domain.TextNormalizer;

/**
 * The {@code sentiment-service/train} command: labelled {@code label<TAB>text} files in (the
 * MIT-licensed VADER sets), the word list and the combiner's weights out; trains on 80% of the
 * lines (chosen by a hash of the text), prints the metrics on the other 20%.
 */
public final class TrainTool {

    private static final Pattern RAW_WORD = Pattern.compile("[a-z][a-z']*");
    private static final int EPOCHS = Integer.getInteger("train.epochs", 25);
    private static final double RATE = 0.2;
    private static final double L2 = Double.parseDouble(System.getProperty("train.l2", "1e-4"));

    private static final SentimentFeatures FEATURES = SentimentScorer.features();

    private TrainTool() {}

    public static void main(String[] args) throws Exception {
        Path outDir = null;
        Path cacheFile =
                Path.of(System.getProperty("java.io.tmpdir"), "caresignal-train-cache.tsv");
        String version = null;
        var files = new ArrayList<Path>();
        var reportFiles = new ArrayList<Path>();
        var correctionFiles = new ArrayList<Path>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outDir = Path.of(args[++i]);
                case "--cache" -> cacheFile = Path.of(args[++i]);
                case "--version" -> version = args[++i];
                case "--report" -> reportFiles.add(Path.of(args[++i]));
                case "--corrections" -> correctionFiles.add(Path.of(args[++i]));
                default -> files.add(Path.of(args[i]));
            }
        }
        if (outDir == null || version == null || files.isEmpty()) {
            System.err.println(
                    "usage: train --out DIR --version NAME [--cache FILE] [--report FILE]..."
                            + " [--corrections FILE]... TRAIN.tsv...");
            System.exit(2);
        }
        var data = new ArrayList<LabelledText>();
        for (var file : files) {
            data.addAll(LabelledText.read(file));
        }
        int fromFiles = data.size();
        var corrections = readCorrections(correctionFiles);
        data.addAll(corrections);
        System.err.printf(Locale.ROOT, "corrections=%d (all trained on)%n", corrections.size());

        var counts = wordCounts(data);
        writeWords(outDir.resolve("words.tsv"), counts);
        var normalizer = SentimentScorer.normalizer(counts);

        var cache = Cache.read(cacheFile);
        var analyzer = new SentenceAnalyzer(SentenceAnalyzer.SR_PARSER, 50);
        var examples = analyzeAll(data, normalizer, analyzer, cache);
        cache.write(cacheFile);

        var train = new ArrayList<Example>();
        var holdout = new ArrayList<Example>();
        for (int i = 0; i < examples.size(); i++) {
            var example = examples.get(i);
            // Analysts' corrections are few and are what the model got wrong: all trained on.
            if (i < fromFiles && isHoldout(example.text())) {
                holdout.add(example);
            } else {
                train.add(example);
            }
        }
        System.err.printf(Locale.ROOT, "train=%d holdout=%d%n", train.size(), holdout.size());
        var model = fit(train, version);
        var report = new ClassificationReport();
        for (var example : holdout) {
            var p = model.probabilities(example.features());
            int best = argmax(p);
            report.add(example.label(), SentimentLabel.values()[best]);
        }
        writeModel(outDir.resolve("model.tsv"), model, model.weights());
        System.out.println("model=" + version + " features=" + model.size());
        System.out.println("holdout (20% of the training files, not trained on):");
        System.out.println(report.render());
        for (var file : reportFiles) {
            var lines = LabelledText.read(file);
            var scored = analyzeAll(lines, normalizer, analyzer, cache);
            var r = new ClassificationReport();
            for (var example : scored) {
                r.add(
                        example.label(),
                        SentimentLabel.values()[argmax(model.probabilities(example.features()))]);
            }
            System.out.println("report on " + file.getFileName() + " (not trained on):");
            System.out.println(r.render());
        }
        cache.write(cacheFile);
    }

    record Example(String text, SentimentLabel label, Map<String, Double> features) {}

    /** The rows of exported corrections files ({@code GET /api/brands/{id}/corrections}). */
    static List<LabelledText> readCorrections(List<Path> files) throws IOException {
        var rows = new ArrayList<LabelledText>();
        for (var file : files) {
            rows.addAll(LabelledText.read(file));
        }
        return rows;
    }

    static boolean isHoldout(String text) {
        return Math.floorMod(text.hashCode() * 31 + 7, 5) == 0;
    }

    static Map<String, Long> wordCounts(List<LabelledText> data) {
        var counts = new HashMap<String, Long>();
        for (var line : data) {
            var m = RAW_WORD.matcher(line.text().toLowerCase(Locale.ROOT));
            while (m.find()) {
                counts.merge(m.group(), 1L, Long::sum);
            }
        }
        counts.values().removeIf(c -> c < 2);
        return counts;
    }

    private static void writeWords(Path file, Map<String, Long> counts) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(
                    "# word <TAB> count in the training files; generated by sentiment-service/train\n");
            for (var e : new TreeMap<>(counts).entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue() + "\n");
            }
        }
    }

    private static List<Example> analyzeAll(
            List<LabelledText> data,
            TextNormalizer normalizer,
            SentenceAnalyzer analyzer,
            Cache cache)
            throws Exception {
        var pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            var futures = new ArrayList<Future<Example>>();
            for (var line : data) {
                futures.add(
                        pool.submit(
                                () -> {
                                    var normalized = normalizer.normalize(line.text());
                                    var sentences =
                                            cache.computeIfAbsent(
                                                    normalized.text(), analyzer::analyze);
                                    return new Example(
                                            line.text(),
                                            line.label(),
                                            FEATURES.of(sentences, normalized.emphasis()));
                                }));
            }
            var result = new ArrayList<Example>();
            int done = 0;
            for (var future : futures) {
                result.add(future.get());
                if (++done % 2000 == 0) {
                    System.err.printf(Locale.ROOT, "analyzed %d/%d%n", done, data.size());
                }
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Multinomial logistic regression, class-balanced, AdaGrad with a light L2 penalty. */
    static SentimentModel fit(List<Example> train, String version) {
        var index = new HashMap<String, Integer>();
        train.forEach(e -> e.features().keySet().forEach(f -> index.putIfAbsent(f, index.size())));
        // Deterministic feature order, so that a retrain writes the same file.
        var sorted = new TreeMap<>(index).keySet().stream().toList();
        index.clear();
        sorted.forEach(f -> index.put(f, index.size()));
        int[] perClass = new int[3];
        train.forEach(e -> perClass[e.label().ordinal()]++);
        double[] classWeight = new double[3];
        for (int c = 0; c < 3; c++) {
            classWeight[c] = train.size() / (3.0 * Math.max(1, perClass[c]));
        }

        double[][] w = new double[index.size()][3];
        double[][] g2 = new double[index.size()][3];
        var order = new ArrayList<>(train);
        var random = new Random(42);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            java.util.Collections.shuffle(order, random);
            for (var example : order) {
                int[] ids = new int[example.features().size()];
                double[] xs = new double[ids.length];
                int n = 0;
                for (var f : example.features().entrySet()) {
                    Integer id = index.get(f.getKey());
                    if (id != null) {
                        ids[n] = id;
                        xs[n++] = f.getValue();
                    }
                }
                double[] logits = new double[3];
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < 3; c++) {
                        logits[c] += w[ids[k]][c] * xs[k];
                    }
                }
                double[] p = SentimentModel.softmax(logits);
                double cw = classWeight[example.label().ordinal()];
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < 3; c++) {
                        double target = c == example.label().ordinal() ? 1 : 0;
                        double grad = cw * (p[c] - target) * xs[k] + L2 * w[ids[k]][c];
                        g2[ids[k]][c] += grad * grad;
                        w[ids[k]][c] -= RATE * grad / Math.sqrt(g2[ids[k]][c] + 1e-8);
                    }
                }
            }
        }
        var weights = new HashMap<String, double[]>();
        index.forEach(
                (feature, id) -> {
                    double[] v = w[id];
                    if (Arrays.stream(v).map(Math::abs).max().orElse(0) >= 0.01) {
                        weights.put(feature, round(v));
                    }
                });
        return new SentimentModel(version, weights);
    }

    private static void writeModel(Path file, SentimentModel model, Map<String, double[]> weights)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("#version " + model.version() + "\n");
            out.write(
                    "# feature <TAB> weight for negative <TAB> neutral <TAB> positive;"
                            + " generated by sentiment-service/train\n");
            for (var e : new TreeMap<>(weights).entrySet()) {
                var v = e.getValue();
                out.write(
                        String.format(
                                Locale.ROOT,
                                "%s\t%.4f\t%.4f\t%.4f%n",
                                e.getKey(),
                                v[0],
                                v[1],
                                v[2]));
            }
        }
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10_000) / 10_000.0).toArray();
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** CoreNLP's analyses of normalized texts, kept between runs so that retraining is quick. */
    static final class Cache {
        private final ConcurrentHashMap<String, List<AnalyzedSentence>> entries;

        private Cache(ConcurrentHashMap<String, List<AnalyzedSentence>> entries) {
            this.entries = entries;
        }

        List<AnalyzedSentence> computeIfAbsent(
                String text, java.util.function.Function<String, List<AnalyzedSentence>> f) {
            var hit = entries.get(text);
            if (hit != null) {
                return hit;
            }
            var value = f.apply(text);
            entries.put(text, value);
            return value;
        }

        static Cache read(Path file) throws IOException {
            var map = new ConcurrentHashMap<String, List<AnalyzedSentence>>();
            if (Files.exists(file)) {
                for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    var parts = line.split("\t", -1);
                    var sentences = new ArrayList<AnalyzedSentence>();
                    for (int i = 1; i + 1 < parts.length; i += 2) {
                        var p =
                                Arrays.stream(parts[i].split(","))
                                        .mapToDouble(Double::parseDouble)
                                        .toArray();
                        var tokens =
                                parts[i + 1].isEmpty()
                                        ? List.<String>of()
                                        : List.of(parts[i + 1].split(" "));
                        sentences.add(new AnalyzedSentence(tokens, p));
                    }
                    map.put(parts[0], sentences);
                }
            }
            return new Cache(map);
        }

        void write(Path file) throws IOException {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (var e : entries.entrySet()) {
                    out.write(e.getKey().replace('\t', ' ').replace('\n', ' '));
                    for (var s : e.getValue()) {
                        out.write('\t');
                        var p = s.probabilities();
                        out.write(
                                String.format(
                                        Locale.ROOT,
                                        "%.5f,%.5f,%.5f,%.5f,%.5f",
                                        p[0],
                                        p[1],
                                        p[2],
                                        p[3],
                                        p[4]));
                        out.write('\t');
                        out.write(
                                String.join(
                                        " ",
                                        s.tokens().stream()
                                                .map(t -> t.replace(' ', '_').replace('\t', '_'))
                                                .toList()));
                    }
                    out.write('\n');
                }
            }
        }
    }
}
