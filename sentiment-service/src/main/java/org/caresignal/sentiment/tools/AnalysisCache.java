package org.caresignal.sentiment.tools;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.caresignal.sentiment.domain.SentenceAnalyzer.AnalyzedSentence;

/**
 * CoreNLP's analyses of normalized texts, kept in a file between training runs (parsing 60,000
 * texts takes most of a run). It must not change results: probabilities are stored as Java's
 * shortest round-tripping decimal and read back to the same double, tokens are kept as they are,
 * and a text or token the file format cannot hold (one with a tab, a newline or the separator) is
 * simply not stored and is analyzed again next time.
 */
final class AnalysisCache {

    private static final char TOKEN_SEPARATOR = '\u001F';

    private final ConcurrentHashMap<String, List<AnalyzedSentence>> entries;
    private int added;

    private AnalysisCache(ConcurrentHashMap<String, List<AnalyzedSentence>> entries) {
        this.entries = entries;
    }

    static AnalysisCache empty() {
        return new AnalysisCache(new ConcurrentHashMap<>());
    }

    List<AnalyzedSentence> computeIfAbsent(
            String text, Function<String, List<AnalyzedSentence>> analyze) {
        var hit = entries.get(text);
        if (hit != null) {
            return hit;
        }
        var value = analyze.apply(text);
        if (storable(text, value)) {
            entries.put(text, value);
            synchronized (this) {
                added++;
            }
        }
        return value;
    }

    boolean contains(String text) {
        return entries.containsKey(text);
    }

    synchronized int added() {
        return added;
    }

    int size() {
        return entries.size();
    }

    static AnalysisCache read(Path file) throws IOException {
        var map = new ConcurrentHashMap<String, List<AnalyzedSentence>>();
        if (!Files.exists(file)) {
            return new AnalysisCache(map);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                var parts = line.split("\t", -1);
                if (parts.length % 2 == 0) {
                    continue; // a line cut short by an interrupted write: analyzed again
                }
                var sentences = new ArrayList<AnalyzedSentence>();
                for (int i = 1; i + 1 < parts.length; i += 2) {
                    var values = parts[i].split(",");
                    double[] p = new double[values.length];
                    for (int c = 0; c < p.length; c++) {
                        p[c] = Double.parseDouble(values[c]);
                    }
                    var tokens =
                            parts[i + 1].isEmpty()
                                    ? List.<String>of()
                                    : List.of(
                                            parts[i + 1].split(
                                                    String.valueOf(TOKEN_SEPARATOR), -1));
                    sentences.add(new AnalyzedSentence(tokens, p));
                }
                map.put(parts[0], List.copyOf(sentences));
            }
        }
        return new AnalysisCache(map);
    }

    /** Writes the cache (sorted, through a temporary file so that a crash leaves the old one). */
    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        var temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, List<AnalyzedSentence>> e : new TreeMap<>(entries).entrySet()) {
                out.write(e.getKey());
                for (var s : e.getValue()) {
                    out.write('\t');
                    var p = s.probabilities();
                    for (int c = 0; c < p.length; c++) {
                        if (c > 0) {
                            out.write(',');
                        }
                        out.write(Double.toString(p[c]));
                    }
                    out.write('\t');
                    out.write(String.join(String.valueOf(TOKEN_SEPARATOR), s.tokens()));
                }
                out.write('\n');
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean storable(String text, List<AnalyzedSentence> sentences) {
        if (!plain(text)) {
            return false;
        }
        for (var s : sentences) {
            for (var token : s.tokens()) {
                if (token.isEmpty() || !plain(token)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r' || c == TOKEN_SEPARATOR) {
                return false;
            }
        }
        return true;
    }
}
