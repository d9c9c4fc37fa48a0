package org.caresignal.sentiment.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.caresignal.sentiment.domain.SentenceAnalyzer;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.TextNormalizer;

/**
 * The training rows of the shared data sets, each with the role the fixed splits give it, and their
 * CoreNLP analysis (through the {@link AnalysisCache}).
 */
final class TrainingData {

    /** What a row is used for. */
    enum Role {
        /** Trained on. */
        TRAIN,
        /** The SemEval development split: every choice, the calibration, the uncertain band. */
        DEV,
        /** The SemEval held-back split: reported, never used for a choice. */
        HELD_BACK,
        /** Reported only (TweetEval validation, the GP comments' reported half, ...). */
        REPORT,
        /** Not used at all. */
        UNUSED
    }

    /** How the rows of one file are used. */
    enum FileKind {
        /** Split by {@link Splits#of}: 0 held back, 1 dev, 2..9 trained. */
        SPLIT,
        /** Trained half ({@link Splits#inTrainedHalf}) and reported half. */
        HALVES,
        /** Buckets 2..9 trained, bucket 0 reported, bucket 1 unused (a smaller training set). */
        EXTRA,
        /** Every row trained on (analysts' corrections). */
        ALL_TRAIN,
        /** Never trained on. */
        REPORT_ONLY
    }

    record Row(String file, SentimentLabel label, String text, Role role) {}

    /** A row with its normalization and CoreNLP analysis. */
    record Analyzed(Row row, List<AnalyzedSentence> sentences, int emphasis) {}

    /** One input file: its name, rows read, checksum. */
    record Source(Path path, FileKind kind, int rows, String sha256) {}

    private static final Pattern RAW_WORD = Pattern.compile("[a-z][a-z']*");

    /** Handles and links: not words, and a list of user names is not ours to ship. */
    private static final Pattern NOT_WORDS = Pattern.compile("@\\w+|(?:https?://|www\\.)\\S+");

    final List<Row> rows = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();

    void add(Path file, FileKind kind) throws IOException {
        var lines = LabelledText.read(file);
        var name = file.getFileName().toString();
        for (var line : lines) {
            rows.add(new Row(name, line.label(), line.text(), role(kind, line.text())));
        }
        sources.add(new Source(file, kind, lines.size(), sha256(file)));
    }

    static Role role(FileKind kind, String text) {
        return switch (kind) {
            case SPLIT ->
                    switch (Splits.of(text)) {
                        case HELD_BACK -> Role.HELD_BACK;
                        case DEV -> Role.DEV;
                        case TRAIN -> Role.TRAIN;
                    };
            case HALVES -> Splits.inTrainedHalf(text) ? Role.TRAIN : Role.REPORT;
            case EXTRA ->
                    switch (Splits.bucket(text)) {
                        case 0 -> Role.REPORT;
                        case 1 -> Role.UNUSED;
                        default -> Role.TRAIN;
                    };
            case ALL_TRAIN -> Role.TRAIN;
            case REPORT_ONLY -> Role.REPORT;
        };
    }

    /** The manifest: each file, its rows per role and its sha256. */
    String manifest() {
        var out = new StringBuilder("training manifest:\n");
        for (var source : sources) {
            var name = source.path().getFileName().toString();
            var perRole = new TreeMap<Role, Integer>();
            rows.stream()
                    .filter(r -> r.file().equals(name))
                    .forEach(r -> perRole.merge(r.role(), 1, Integer::sum));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-28s %-11s rows=%-6d %s sha256=%s%n",
                            name,
                            source.kind().name().toLowerCase(Locale.ROOT),
                            source.rows(),
                            perRole.toString().toLowerCase(Locale.ROOT),
                            source.sha256()));
        }
        return out.toString();
    }

    /** Word counts of the trained rows, for the normalizer's hashtags and elongations. */
    Map<String, Long> wordCounts() {
        var counts = new HashMap<String, Long>();
        for (var row : rows) {
            if (row.role() != Role.TRAIN) {
                continue;
            }
            var text = NOT_WORDS.matcher(row.text()).replaceAll(" ");
            var m = RAW_WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                counts.merge(m.group(), 1L, Long::sum);
            }
        }
        counts.values().removeIf(c -> c < 2);
        return counts;
    }

    static void writeWords(Path file, Map<String, Long> counts) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(
                    "# word <TAB> count in the trained rows; generated by sentiment-service/train\n");
            for (var e : new TreeMap<>(counts).entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue() + "\n");
            }
        }
    }

    /** Normalizes and analyzes every row not {@link Role#UNUSED}, on the given threads. */
    List<Analyzed> analyze(
            TextNormalizer normalizer, SentenceAnalyzer analyzer, AnalysisCache cache, int threads)
            throws Exception {
        var used = rows.stream().filter(r -> r.role() != Role.UNUSED).toList();
        var pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            var futures = new ArrayList<Future<Analyzed>>(used.size());
            for (var row : used) {
                futures.add(
                        pool.submit(
                                () -> {
                                    var normalized = normalizer.normalize(row.text());
                                    var sentences =
                                            cache.computeIfAbsent(
                                                    normalized.text(), analyzer::analyze);
                                    return new Analyzed(row, sentences, normalized.emphasis());
                                }));
            }
            var result = new ArrayList<Analyzed>(used.size());
            long start = System.nanoTime();
            for (var future : futures) {
                result.add(future.get());
                if (result.size() % 5000 == 0) {
                    System.err.printf(
                            Locale.ROOT,
                            "analyzed %d/%d (%d new) in %d s%n",
                            result.size(),
                            used.size(),
                            cache.added(),
                            (System.nanoTime() - start) / 1_000_000_000L);
                }
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
