package org.caresignal.sentiment.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");
    private static final Map<String, String> NAMED_ENTITIES =
            Map.of(
                    "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", "\"", "&apos;", "'", "&#39;",
                    "'", "&nbsp;", " ");
    private static final Pattern URL =
            Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|\\b\\S+\\.(?:com|org|net|ly)/\\S*");
    private static final Pattern LEADING_HANDLES =
            Pattern.compile("^(?:\\s*(?:\\.?@\\w+)[:,]?)+\\s*");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w@])@\\w+");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#(\\w+)");
    private static final Pattern ELONGATED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}']*");
    private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("([!?.])[!?.]{2,}");
    private static final Pattern REPEATED_WORDS =
            Pattern.compile("(?i)\\b(\\w+)(?:\\s+\\1\\b){3,}");
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
        text = LEADING_HANDLES.matcher(text).replaceAll("");
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
        text = replace(REPEATED_WORDS, text, m -> m.group(1) + " " + m.group(1));
        text = healthcare.rewrite(text, cues);
        text = SPACES.matcher(text).replaceAll(" ").trim();
        return new Normalized(text, emphasis[0], List.copyOf(cues));
    }

    /** Undoes elongation ({@code goood} → good, {@code sooo} → so) and shouting ({@code AWFUL}). */
    private String word(String word, int[] emphasis) {
        var result = word;
        for (int i = 1; i < result.length(); i++) {
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

    private static String decodeEntities(String text) {
        var result = text;
        for (int pass = 0; pass < 2 && result.indexOf('&') >= 0; pass++) {
            for (var e : NAMED_ENTITIES.entrySet()) {
                result = result.replace(e.getKey(), e.getValue());
            }
            result =
                    replace(
                            NUMERIC_ENTITY,
                            result,
                            m -> {
                                int cp =
                                        Integer.parseInt(
                                                m.group(2), m.group(1).isEmpty() ? 10 : 16);
                                return Character.isValidCodePoint(cp)
                                        ? new String(Character.toChars(cp))
                                        : " ";
                            });
        }
        return result;
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
}
