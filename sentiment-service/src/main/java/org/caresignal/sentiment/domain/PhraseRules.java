package org.caresignal.sentiment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A brand's phrase rules, compiled: a post's text in, the text the scorer reads out, with each
 * NEUTRAL phrase blanked and each POSITIVE or NEGATIVE phrase replaced by {@link #POSITIVE_WORD} or
 * {@link #NEGATIVE_WORD}; immutable and thread-safe.
 *
 * <p>A phrase matches as a sequence of whole tokens (a token is a run of letters and digits, or one
 * other character), ignoring case and however much whitespace lies between the tokens, so "War
 * Zone" matches "war\n zone" but neither "warzone" nor "war zones". The phrase's characters are
 * literal: no pattern is compiled from operator input, and matching walks a token trie, so it takes
 * time linear in the text (times the longest phrase's token count). Where phrases overlap, the
 * earliest match wins and, among those starting at one token, the longest.
 */
public final class PhraseRules {

    /** What a POSITIVE phrase becomes: a word the model reads as strongly positive. */
    public static final String POSITIVE_WORD = "cspositivephrase";

    /** What a NEGATIVE phrase becomes: a word the model reads as strongly negative. */
    public static final String NEGATIVE_WORD = "csnegativephrase";

    /** A brand without rules: the text is scored as it is. */
    public static final PhraseRules NONE = new PhraseRules(List.of());

    /** One rule: a phrase whose sentiment is fixed to {@code polarity}. */
    public record Rule(String phrase, SentimentLabel polarity) {}

    private final Node root = new Node();
    private final String fingerprint;
    private final int size;

    private PhraseRules(Collection<Rule> rules) {
        // Sorted by key, so the fingerprint does not depend on the order the rules were read in.
        var byKey = new TreeMap<String, SentimentLabel>();
        for (var rule : rules) {
            var tokens = tokens(rule.phrase());
            if (tokens.isEmpty()) {
                continue;
            }
            var key = key(rule.phrase());
            if (byKey.putIfAbsent(key, rule.polarity()) != null) {
                continue;
            }
            var node = root;
            for (var token : tokens) {
                node = node.next.computeIfAbsent(token.text(), t -> new Node());
            }
            node.polarity = rule.polarity();
        }
        this.size = byKey.size();
        this.fingerprint = byKey.isEmpty() ? "" : digest(byKey);
    }

    /** Compiles the rules; a phrase without a token is ignored, a repeated phrase's first wins. */
    public static PhraseRules of(Collection<Rule> rules) {
        return rules.isEmpty() ? NONE : new PhraseRules(rules);
    }

    /** How many distinct phrases the rules hold. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * A short digest of the rules (phrases by their {@link #key} and polarities), empty for no
     * rules: stored with each scored mention, so a re-score can tell which were scored under other
     * rules.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** The text the scorer should read; the same instance when no phrase matches. */
    public String rewrite(String text) {
        if (size == 0 || text == null || text.isEmpty()) {
            return text;
        }
        var tokens = tokenize(text);
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < tokens.size()) {
            int end = -1;
            SentimentLabel polarity = null;
            var node = root;
            for (int j = i; j < tokens.size(); j++) {
                node = node.next.get(tokens.get(j).text());
                if (node == null) {
                    break;
                }
                if (node.polarity != null) {
                    end = j;
                    polarity = node.polarity;
                }
            }
            if (end < 0) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            out.append(text, copied, tokens.get(i).start()).append(replacement(polarity));
            copied = tokens.get(end).end();
            i = end + 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * A phrase as rules compare it: its tokens in lower case, one space apart ("Dr. Payne" → "dr .
     * payne"); empty when it has no token. Two phrases with one key are the same rule.
     */
    public static String key(String phrase) {
        var out = new StringBuilder();
        for (var token : tokens(phrase)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(token.text());
        }
        return out.toString();
    }

    /** Whether the phrase holds a letter or a digit (punctuation alone is no phrase). */
    public static boolean hasWord(String phrase) {
        return phrase != null && phrase.codePoints().anyMatch(PhraseRules::isWordChar);
    }

    /**
     * Reads rules from {@code polarity<TAB>phrase} lines (what {@code GET
     * /api/brands/{brandId}/phrase-rules?format=tsv} writes; polarity in any case); blank lines and
     * lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the line of a malformed one
     */
    public static PhraseRules readTsv(List<String> lines) {
        var rules = new ArrayList<Rule>();
        for (int n = 0; n < lines.size(); n++) {
            var line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0 || !hasWord(line.substring(tab + 1))) {
                throw new IllegalArgumentException(
                        "line " + (n + 1) + ": expected polarity<TAB>phrase");
            }
            SentimentLabel polarity;
            try {
                polarity =
                        SentimentLabel.valueOf(
                                line.substring(0, tab).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "line " + (n + 1) + ": polarity must be neutral, positive or negative");
            }
            rules.add(new Rule(line.substring(tab + 1).trim(), polarity));
        }
        return of(rules);
    }

    private static String replacement(SentimentLabel polarity) {
        // Spaces around the word keep it a word of its own next to punctuation ("#", "'s").
        return switch (polarity) {
            case NEUTRAL -> " ";
            case POSITIVE -> " " + POSITIVE_WORD + " ";
            case NEGATIVE -> " " + NEGATIVE_WORD + " ";
        };
    }

    private record Token(String text, int start, int end) {}

    private static List<Token> tokens(String phrase) {
        return phrase == null ? List.of() : tokenize(phrase);
    }

    private static List<Token> tokenize(String text) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            i += Character.charCount(cp);
            if (isWordChar(cp)) {
                while (i < length && isWordChar(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
            }
            tokens.add(new Token(normal(text.substring(start, i)), start, i));
        }
        return tokens;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        // Combining accents belong to the letter before them ("café" written with U+0301).
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** Lower case; typographic apostrophes as the typed one, so "Hell’s" matches "Hell's". */
    private static String normal(String token) {
        var lower = token.toLowerCase(Locale.ROOT);
        return lower.length() == 1 ? lower.replace('\u2019', '\'').replace('\u2018', '\'') : lower;
    }

    private static String digest(Map<String, SentimentLabel> byKey) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            byKey.forEach(
                    (key, polarity) ->
                            sha.update(
                                    (polarity.name() + '\t' + key + '\n')
                                            .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        SentimentLabel polarity;
    }
}
