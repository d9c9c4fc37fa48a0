package org.caresignal.sentiment.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.translate.AggregateTranslator;
import org.apache.commons.text.translate.CharSequenceTranslator;
import org.apache.commons.text.translate.EntityArrays;
import org.apache.commons.text.translate.LookupTranslator;
import org.apache.commons.text.translate.NumericEntityUnescaper;

/**
 * Rewrites a social-media post into plain sentences the parser and the sentiment model understand
 * (entities decoded, links and handles out, hashtags split, emoji and emoticons as words,
 * elongations and shouting undone, healthcare phrases made neutral) and notes what it saw;
 * stateless and thread-safe.
 */
public final class TextNormalizer {

    /** What normalization made of a post. */
    public record Normalized(String text, int emphasis, List<String> cues) {}

    private static final Pattern ESCAPED_CHAR = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final CharSequenceTranslator ENTITIES =
            new AggregateTranslator(
                    new LookupTranslator(EntityArrays.BASIC_UNESCAPE),
                    new LookupTranslator(EntityArrays.APOS_UNESCAPE),
                    new LookupTranslator(EntityArrays.ISO8859_1_UNESCAPE),
                    new LookupTranslator(EntityArrays.HTML40_EXTENDED_UNESCAPE),
                    new ValidNumericEntities());
    // RE2/J: "\S+ before .com/" tried from every word boundary of a long token is quadratic
    // with backtracking; RE2/J runs all start positions at once, in linear time.
    private static final com.google.re2j.Pattern URL =
            com.google.re2j.Pattern.compile(
                    "(?i)\\b(?:https?://|www\\.)\\S+|\\b\\S+\\.(?:com|org|net|ly)/\\S*");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w@])@\\w+");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#(\\w+)");
    private static final Pattern ELONGATED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}']*");
    private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("([!?.])[!?.]{2,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Clinical acronyms that are also in the word list (for hashtags) but never shouting. */
    private static final java.util.Set<String> ACRONYMS =
            java.util.Set.of(
                    "ER", "ED", "ICU", "MD", "RN", "NP", "PA", "CNA", "OB", "GYN", "ENT", "MRI",
                    "CT", "PCR", "HIV", "EMT", "NICU", "PICU", "COVID");

    /** Emoticons, tried in this order, as a word the models know. */
    private static final Map<String, String> EMOTICONS = emoticons();

    private final HashtagSegmenter segmenter;
    private final WordList words;
    private final HealthcarePhrases healthcare;
    private final Map<Integer, String> emoji;
    private final Map<String, String> slang;

    /**
     * @param words word frequencies for hashtags and elongations
     * @param emoji emoji code point to the word it stands for
     * @param slang social-media word (lower case) to its plain-English replacement
     */
    public TextNormalizer(WordList words, Map<Integer, String> emoji, Map<String, String> slang) {
        this.words = words;
        this.segmenter = new HashtagSegmenter(words);
        this.healthcare = new HealthcarePhrases();
        this.emoji = Map.copyOf(emoji);
        this.slang = Map.copyOf(slang);
    }

    public Normalized normalize(String raw) {
        var cues = new ArrayList<String>();
        int[] emphasis = {0};
        var text =
                replace(
                        ESCAPED_CHAR,
                        raw,
                        m -> String.valueOf((char) Integer.parseInt(m.group(1), 16)));
        text = decodeEntities(text);
        text = URL.matcher(text).replaceAll(" ");
        text = withoutLeadingHandles(text);
        text = HANDLE.matcher(text).replaceAll("someone");
        text = replaceEmoji(text);
        text = replaceEmoticons(text);
        text = replace(HASHTAG, text, m -> String.join(" ", segmenter.segment(m.group(1))));
        text =
                replace(
                        ELONGATED,
                        text,
                        m -> {
                            emphasis[0]++;
                            return m.group(1) + m.group(1);
                        });
        text = replace(WORD, text, m -> word(m.group(), emphasis));
        text =
                replace(
                        REPEATED_PUNCTUATION,
                        text,
                        m -> {
                            emphasis[0]++;
                            return m.group(1);
                        });
        text = collapseRepeatedWords(text);
        // One blank between words before the phrase rules, whose "\s+...\s*" pairs would
        // otherwise try every split of a long run of spaces.
        text = SPACES.matcher(text).replaceAll(" ");
        text = healthcare.rewrite(text, cues);
        text = SPACES.matcher(text).replaceAll(" ").trim();
        return new Normalized(text, emphasis[0], List.copyOf(cues));
    }

    /** Undoes elongation ({@code goood} → good, {@code sooo} → so) and shouting ({@code AWFUL}). */
    private String word(String word, int[] emphasis) {
        var result = word;
        // Removing one letter can only give a known word if the word is at most one letter
        // longer than the longest known word; skipping longer ones keeps this linear.
        int limit = result.length() - 1 <= words.longest() ? result.length() : 0;
        for (int i = 1; i < limit && i < result.length(); i++) {
            if (result.charAt(i) == result.charAt(i - 1)
                    && !words.contains(result)
                    && Character.isLetter(result.charAt(i))) {
                var shorter = result.substring(0, i) + result.substring(i + 1);
                if (words.contains(shorter)) {
                    result = shorter;
                    i--;
                }
            }
        }
        boolean shouting =
                result.length() >= 3
                        && result.chars()
                                .allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c));
        if (shouting && !isAcronym(result)) {
            emphasis[0]++;
            result = result.toLowerCase(Locale.ROOT);
        }
        var plain = slang.get(result.toLowerCase(Locale.ROOT));
        return plain == null ? result : plain;
    }

    /** Short all-capital words that are names, not shouting (ICU, CEO, NHS). */
    private boolean isAcronym(String word) {
        return word.length() <= 4 && (ACRONYMS.contains(word) || !words.contains(word));
    }

    private String replaceEmoji(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(
                        cp -> {
                            var word = emoji.get(cp);
                            if (word != null) {
                                out.append(' ').append(word).append(' ');
                            } else if (isPictograph(cp)) {
                                out.append(' ');
                            } else {
                                out.appendCodePoint(cp);
                            }
                        });
        return out.toString();
    }

    /** Symbols the tokenizer cannot read: emoji, variation selectors, joiners, skin tones. */
    private static boolean isPictograph(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0x200D
                || (cp >= 0x2300 && cp <= 0x23FF)
                || (cp >= 0x2B00 && cp <= 0x2BFF);
    }

    private static String replaceEmoticons(String text) {
        var result = " " + text + " ";
        for (var e : EMOTICONS.entrySet()) {
            var pattern =
                    Pattern.compile(
                            "(?<=[\\s\\p{L}.!?])" + Pattern.quote(e.getKey()) + "+(?=[\\s.!?,])");
            result =
                    pattern.matcher(result)
                            .replaceAll(Matcher.quoteReplacement(" " + e.getValue() + " "));
        }
        return result;
    }

    private static Map<String, String> emoticons() {
        var map = new LinkedHashMap<String, String>();
        for (var happy :
                List.of(":-)", ":)", ":-D", ":D", "=)", ":]", ";-)", ";)", ":p", ":P", "(:")) {
            map.put(happy, "happy");
        }
        for (var sad : List.of(":'(", ":-(", ":(", "=(", ":[", "):", ":/", ":-/")) {
            map.put(sad, "sad");
        }
        map.put("<3", "love");
        map.put("</3", "heartbroken");
        return map;
    }

    /**
     * Decodes every HTML 4 named entity, {@code &apos;} and numeric references (twice, for the
     * double-encoded {@code &amp;#39;} some APIs send); a reference that names no character stays
     * as written instead of failing the post.
     */
    static String decodeEntities(String text) {
        var result = text;
        for (int pass = 0; pass < 2 && result.indexOf('&') >= 0; pass++) {
            result = ENTITIES.translate(result);
        }
        return result.replace('\u00A0', ' ');
    }

    /**
     * Drops the handles a reply starts with ({@code @a @b: thanks} → {@code thanks}), each
     * optionally after a dot and followed by ':' or ','; a loop rather than a repeated regex group,
     * which recurses once per handle in java.util.regex.
     */
    static String withoutLeadingHandles(String text) {
        int n = text.length();
        int i = 0;
        int cut = 0;
        while (true) {
            int j = i;
            while (j < n && isSpace(text.charAt(j))) {
                j++;
            }
            if (j < n && text.charAt(j) == '.') {
                j++;
            }
            if (j >= n || text.charAt(j) != '@') {
                break;
            }
            int k = j + 1;
            while (k < n && isWordChar(text.charAt(k))) {
                k++;
            }
            if (k == j + 1) {
                break;
            }
            if (k < n && (text.charAt(k) == ':' || text.charAt(k) == ',')) {
                k++;
            }
            i = k;
            cut = k;
        }
        if (cut == 0) {
            return text;
        }
        while (cut < n && isSpace(text.charAt(cut))) {
            cut++;
        }
        return text.substring(cut);
    }

    /**
     * One-token spam: four or more repeats of a word (ASCII letters, digits, '_'; case ignored)
     * separated only by white space become two; a single left-to-right pass.
     */
    static String collapseRepeatedWords(String text) {
        int n = text.length();
        var out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (!isWordChar(text.charAt(i)) || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                out.append(text.charAt(i));
                i++;
                continue;
            }
            int end = i;
            while (end < n && isWordChar(text.charAt(end))) {
                end++;
            }
            int length = end - i;
            int repeats = 1;
            int last = end;
            while (true) {
                int j = last;
                while (j < n && isSpace(text.charAt(j))) {
                    j++;
                }
                if (j == last || j + length > n) {
                    break;
                }
                boolean same =
                        text.regionMatches(true, j, text, i, length)
                                && (j + length == n || !isWordChar(text.charAt(j + length)));
                if (!same) {
                    break;
                }
                repeats++;
                last = j + length;
            }
            if (repeats >= 4) {
                out.append(text, i, end).append(' ').append(text, i, end);
                i = last;
            } else {
                out.append(text, i, end);
                i = end;
            }
        }
        return out.toString();
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String replace(
            Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        var m = pattern.matcher(text);
        var out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * commons-text's numeric unescaper, except that a number beyond U+10FFFF is left as written:
     * the library throws on it, which would dead-letter a harmless post.
     */
    private static final class ValidNumericEntities extends CharSequenceTranslator {
        private final NumericEntityUnescaper numeric = new NumericEntityUnescaper();

        @Override
        public int translate(CharSequence input, int index, java.io.Writer out)
                throws java.io.IOException {
            try {
                return numeric.translate(input, index, out);
            } catch (IllegalArgumentException e) {
                return 0;
            }
        }
    }
}
