package org.caresignal.sentiment.tools;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.Sentiment;

/**
 * The {@code sentiment-service/evaluate} command: a {@code label<TAB>text} file in, one {@code
 * predicted<TAB>score<TAB>text} line per input line out, and accuracy, macro-recall, macro-F1 and
 * the confusion matrix printed, the last line {@code macro_recall=<percent>}; each {@code
 * --corrections FILE} (a brand's exported corrections) gets the model's agreement and its own
 * report, printed first; with {@code --rules FILE} (the brand's phrase rules) also with the rules
 * applied and the agreement with and without them.
 */
public final class EvaluateTool {

    private EvaluateTool() {}

    public static void main(String[] args) throws Exception {
        boolean stock = false;
        boolean pcfg = false;
        var files = new ArrayList<String>();
        var corrections = new ArrayList<Path>();
        String split = null;
        Path cache = Path.of("target/train-cache/analysis.tsv");
        Path rules = null;
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--stock")) {
                stock = true;
            } else if (arg.equals("--pcfg")) {
                pcfg = true;
            } else if (arg.equals("--corrections")) {
                if (i + 1 == args.length) {
                    usage("--corrections needs a file");
                }
                corrections.add(Path.of(args[++i]));
            } else if (arg.equals("--split")) {
                if (i + 1 == args.length) {
                    usage("--split needs dev, held-back, train, gp-trained or gp-reported");
                }
                split = args[++i];
            } else if (arg.equals("--cache")) {
                if (i + 1 == args.length) {
                    usage("--cache needs a file");
                }
                cache = Path.of(args[++i]);
            } else if (arg.equals("--rules")) {
                if (i + 1 == args.length || rules != null) {
                    usage("--rules needs one file");
                }
                rules = Path.of(args[++i]);
            } else if (arg.startsWith("--")) {
                usage("unknown option " + arg);
            } else {
                files.add(arg);
            }
        }
        if (!(files.size() == 2 || (files.isEmpty() && !corrections.isEmpty()))) {
            usage("expected INPUT.tsv and OUTPUT.tsv, or --corrections FILE");
        }
        if (rules != null && corrections.isEmpty()) {
            usage("--rules applies to --corrections files");
        }
        Function<String, Sentiment> scorer =
                stock
                        ? Scorers.stock()
                        : pcfg ? Scorers.productionWithPcfg() : Scorers.production();
        int threads = Runtime.getRuntime().availableProcessors();
        // The corrections first: the last line printed stays the main input's macro_recall.
        for (var file : corrections) {
            System.out.println(
                    rules == null
                            ? correctionsReport(scorer, file, threads)
                            : rulesReport(scorer, rules, file, threads));
        }
        if (files.isEmpty()) {
            return;
        }
        var input = select(LabelledText.read(Path.of(files.get(0))), split);
        System.err.printf(
                Locale.ROOT,
                "Scoring %d posts with the %s scorer...%n",
                input.size(),
                stock ? "stock" : pcfg ? "production (PCFG parser)" : "production");

        var predictions = scoreAll(scorer, input, threads);
        try (BufferedWriter out =
                Files.newBufferedWriter(Path.of(files.get(1)), StandardCharsets.UTF_8)) {
            for (int i = 0; i < input.size(); i++) {
                var sentiment = predictions.get(i);
                out.write(LabelledText.name(sentiment.label()));
                out.write('\t');
                out.write(String.format(Locale.ROOT, "%.4f", sentiment.score()));
                out.write('\t');
                out.write(input.get(i).text());
                out.write('\n');
            }
        }
        var report =
                ClassificationReport.of(
                        input.stream().map(LabelledText::label).toList(),
                        predictions.stream().map(Sentiment::label).toList());
        System.out.println(
                "model="
                        + predictions.stream()
                                .findFirst()
                                .map(Sentiment::modelVersion)
                                .orElse("none"));
        if (!stock) {
            // Before the main report, whose last line stays macro_recall.
            System.out.println(CalibrationReport.of(input, cache, threads, pcfg).render());
        }
        System.out.println(report.render());
    }

    /** The rows of one part of the fixed split ({@link Splits}), or all of them. */
    static List<LabelledText> select(List<LabelledText> rows, String split) {
        if (split == null) {
            return rows;
        }
        java.util.function.Predicate<String> keep =
                switch (split) {
                    case "dev" -> text -> Splits.of(text) == Splits.Part.DEV;
                    case "held-back" -> text -> Splits.of(text) == Splits.Part.HELD_BACK;
                    case "train" -> text -> Splits.of(text) == Splits.Part.TRAIN;
                    case "gp-trained" -> Splits::inTrainedHalf;
                    case "gp-reported" -> text -> !Splits.inTrainedHalf(text);
                    default -> {
                        usage("unknown split " + split);
                        yield text -> false;
                    }
                };
        return rows.stream().filter(row -> keep.test(row.text())).toList();
    }

    /**
     * The model's agreement with a file of analysts' corrections (as {@code GET
     * /api/brands/{id}/corrections} exports it): the share of rows whose predicted label is the
     * corrected one, then the full report (macro-recall last).
     */
    static String correctionsReport(Function<String, Sentiment> scorer, Path file, int threads)
            throws Exception {
        var rows = LabelledText.read(file);
        var predictions = scoreAll(scorer, rows, threads);
        var report =
                ClassificationReport.of(
                        rows.stream().map(LabelledText::label).toList(),
                        predictions.stream().map(Sentiment::label).toList());
        return String.format(
                        Locale.ROOT,
                        "corrections %s: rows=%d model=%s agreement=%.2f%n",
                        file.getFileName(),
                        rows.size(),
                        predictions.stream()
                                .findFirst()
                                .map(Sentiment::modelVersion)
                                .orElse("none"),
                        rows.isEmpty() ? 0.0 : 100 * report.accuracy())
                + report.render();
    }

    /**
     * {@link #correctionsReport} of a brand's corrections, then the same with the brand's phrase
     * rules (the file {@code GET /api/brands/{id}/phrase-rules?format=tsv} exports) applied to each
     * text before scoring, as the service does, and last the agreement without and with them.
     */
    static String rulesReport(
            Function<String, Sentiment> scorer, Path rulesFile, Path file, int threads)
            throws Exception {
        var rules = PhraseRules.readTsv(Files.readAllLines(rulesFile, StandardCharsets.UTF_8));
        var rows = LabelledText.read(file);
        var labels = rows.stream().map(LabelledText::label).toList();
        var without = scoreAll(scorer, rows, threads);
        // Only a text the rules rewrite can be scored differently: score just those again.
        var rewritten =
                rows.stream()
                        .filter(r -> !rules.rewrite(r.text()).equals(r.text()))
                        .map(r -> new LabelledText(r.label(), rules.rewrite(r.text())))
                        .toList();
        var again = scoreAll(scorer, rewritten, threads).iterator();
        var with = new ArrayList<Sentiment>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var text = rows.get(i).text();
            with.add(rules.rewrite(text).equals(text) ? without.get(i) : again.next());
        }
        var before =
                ClassificationReport.of(labels, without.stream().map(Sentiment::label).toList());
        var after = ClassificationReport.of(labels, with.stream().map(Sentiment::label).toList());
        var model = without.stream().findFirst().map(Sentiment::modelVersion).orElse("none");
        double agreementBefore = rows.isEmpty() ? 0.0 : 100 * before.accuracy();
        double agreementAfter = rows.isEmpty() ? 0.0 : 100 * after.accuracy();
        return String.format(
                        Locale.ROOT,
                        "corrections %s: rows=%d model=%s agreement=%.2f%n",
                        file.getFileName(),
                        rows.size(),
                        model,
                        agreementBefore)
                + before.render()
                + String.format(
                        Locale.ROOT,
                        "%ncorrections %s with rules %s: rows=%d rules=%d rewritten=%d model=%s"
                                + " agreement=%.2f%n",
                        file.getFileName(),
                        rulesFile.getFileName(),
                        rows.size(),
                        rules.size(),
                        rewritten.size(),
                        model,
                        agreementAfter)
                + after.render()
                + String.format(
                        Locale.ROOT,
                        "%nagreement %s: without_rules=%.2f with_rules=%.2f",
                        file.getFileName(),
                        agreementBefore,
                        agreementAfter);
    }

    /** Scores every text on a few threads and returns the results in input order. */
    static List<Sentiment> scoreAll(
            Function<String, Sentiment> scorer, List<LabelledText> input, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            var futures = new ArrayList<Future<Sentiment>>(input.size());
            for (var line : input) {
                futures.add(pool.submit(() -> scorer.apply(line.text())));
            }
            var results = new ArrayList<Sentiment>(input.size());
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: evaluate [INPUT.tsv OUTPUT.tsv] [--stock | --pcfg] [--corrections FILE]..."
                        + " [--split dev|held-back|train|gp-trained|gp-reported] [--cache FILE]"
                        + " [--rules FILE]");
        System.exit(2);
    }
}
