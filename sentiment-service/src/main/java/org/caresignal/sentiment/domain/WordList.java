package org.caresignal.sentiment.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * English word frequencies (lower case), used to split hashtags into words and to undo elongations;
 * read from {@code word<TAB>count} lines, immutable once built.
 */
public final class WordList {

    private final Map<String, Long> counts;
    private final double logTotal;
    private final int longest;

    public WordList(Map<String, Long> counts) {
        this.counts = Map.copyOf(counts);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        this.logTotal = Math.log(Math.max(1, total));
        this.longest = counts.keySet().stream().mapToInt(String::length).max().orElse(1);
    }

    /** Reads {@code word<TAB>count} lines; blank lines and lines starting with # are skipped. */
    public static WordList read(InputStream in) {
        var counts = new HashMap<String, Long>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                var word =
                        (tab < 0 ? line : line.substring(0, tab)).trim().toLowerCase(Locale.ROOT);
                long count = tab < 0 ? 1 : Long.parseLong(line.substring(tab + 1).trim());
                counts.merge(word, count, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WordList(counts);
    }

    public boolean contains(String word) {
        return counts.containsKey(word.toLowerCase(Locale.ROOT));
    }

    /** Minus the log probability of a known word, or empty for an unknown one. */
    double cost(String lowerCaseWord) {
        Long count = counts.get(lowerCaseWord);
        return count == null ? Double.NaN : logTotal - Math.log(count);
    }

    int longest() {
        return longest;
    }
}
