package org.caresignal.ingest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.caresignal.ingest.support.NameTable.Label;
import org.caresignal.ingest.support.NameTable.Post;

/**
 * Token-level precision and recall of a name finder on the name table: every word of every post
 * (letters, with inner apostrophes and hyphens) is labelled NAME, STAFF or nothing by the marks and
 * by the spans found; a word counts as found when a found span overlaps it.
 */
public final class NameScore {

    /** A span a finder reports: characters [start, end) and its label. */
    public record Found(int start, int end, Label label) {}

    /** Precision and recall of one label, from true positives, found and marked counts. */
    public record Figure(int truePositives, int found, int marked) {
        public double precision() {
            return found == 0 ? 1.0 : (double) truePositives / found;
        }

        public double recall() {
            return marked == 0 ? 1.0 : (double) truePositives / marked;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "precision %.3f (%d/%d)  recall %.3f (%d/%d)",
                    precision(),
                    truePositives,
                    found,
                    recall(),
                    truePositives,
                    marked);
        }
    }

    /**
     * The figures: NAME and STAFF each by label; {@code hidden} counts a word of either label found
     * as either (what a brand that does not keep staff names loses from the text).
     */
    public record Result(Figure name, Figure staff, Figure hidden, List<String> errors) {}

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['\u2019-]\\p{L}+)*");

    private NameScore() {}

    public static Result of(
            List<Post> posts, java.util.function.Function<String, List<Found>> finder) {
        int[] tp = new int[2];
        int[] found = new int[2];
        int[] marked = new int[2];
        int hiddenTp = 0;
        int hiddenFound = 0;
        int hiddenMarked = 0;
        var errors = new ArrayList<String>();
        for (var post : posts) {
            var spans = finder.apply(post.text());
            var m = WORD.matcher(post.text());
            while (m.find()) {
                Label gold = null;
                for (var g : post.names()) {
                    if (g.start() < m.end() && m.start() < g.end()) {
                        gold = g.label();
                    }
                }
                Label got = null;
                for (var f : spans) {
                    if (f.start() < m.end() && m.start() < f.end()) {
                        got = f.label();
                    }
                }
                if (gold != null) {
                    marked[gold.ordinal()]++;
                    hiddenMarked++;
                }
                if (got != null) {
                    found[got.ordinal()]++;
                    hiddenFound++;
                }
                if (gold != null && gold == got) {
                    tp[gold.ordinal()]++;
                }
                if (gold != null && got != null) {
                    hiddenTp++;
                }
                if (gold != got) {
                    errors.add(
                            String.format(
                                    "line %d [%s] '%s': marked %s, found %s  | %s",
                                    post.line(),
                                    post.category(),
                                    m.group(),
                                    gold == null ? "-" : gold,
                                    got == null ? "-" : got,
                                    post.text()));
                }
            }
        }
        return new Result(
                new Figure(tp[0], found[0], marked[0]),
                new Figure(tp[1], found[1], marked[1]),
                new Figure(hiddenTp, hiddenFound, hiddenMarked),
                List.copyOf(errors));
    }
}
