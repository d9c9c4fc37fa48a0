package org.caresignal.sentiment.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Splits a hashtag body into words ({@code WorstERever} → {@code worst ER ever}) by the most
 * probable sequence of known words, preferring splits where the case changes; stateless and
 * thread-safe.
 */
public final class HashtagSegmenter {

    /** Cost per character of a piece that is not a known word: far above any known word's. */
    private static final double UNKNOWN_PER_CHAR = 12.0;

    /** Bonus for a split where the hashtag's author changed case (camel case is a hint). */
    private static final double CASE_CHANGE_BONUS = 3.0;

    private final WordList words;

    public HashtagSegmenter(WordList words) {
        this.words = words;
    }

    /** The words of the hashtag body (without the {@code #}). */
    public List<String> segment(String body) {
        int n = body.length();
        if (n == 0) {
            return List.of();
        }
        var lower = body.toLowerCase(Locale.ROOT);
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        int longest = Math.max(1, words.longest());
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - longest); start < end; start++) {
                if (best[start] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                var piece = lower.substring(start, end);
                double cost = words.cost(piece);
                if (Double.isNaN(cost)) {
                    cost =
                            piece.chars().allMatch(Character::isDigit)
                                    ? 5.0
                                    : UNKNOWN_PER_CHAR * piece.length();
                }
                if (start > 0 && caseChanges(body, start)) {
                    cost -= CASE_CHANGE_BONUS;
                }
                if (best[start] + cost < best[end]) {
                    best[end] = best[start] + cost;
                    from[end] = start;
                }
            }
        }
        var pieces = new ArrayList<String>();
        for (int end = n; end > 0; end = from[end]) {
            pieces.add(casing(body.substring(from[end], end)));
        }
        // Collected from the end; inserting at the front instead would be quadratic.
        Collections.reverse(pieces);
        return pieces;
    }

    /**
     * Whether a word boundary before {@code i} matches a case change (aB) or a letter/digit edge.
     */
    private static boolean caseChanges(String s, int i) {
        char before = s.charAt(i - 1);
        char at = s.charAt(i);
        return (Character.isLowerCase(before) && Character.isUpperCase(at))
                || (Character.isUpperCase(before)
                        && Character.isUpperCase(at)
                        && i + 1 < s.length()
                        && Character.isLowerCase(s.charAt(i + 1)))
                || (Character.isLetter(before) != Character.isLetter(at));
    }

    /**
     * Short all-capital pieces are acronyms (ER, ICU) and keep their case; the rest is lower case.
     */
    private static String casing(String piece) {
        boolean allCaps =
                piece.length() > 1
                        && piece.chars()
                                .allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c));
        return allCaps && piece.length() <= 4 ? piece : piece.toLowerCase(Locale.ROOT);
    }
}
