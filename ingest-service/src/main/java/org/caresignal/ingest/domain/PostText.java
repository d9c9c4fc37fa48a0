package org.caresignal.ingest.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A post's text as the watch query language sees it: folded (case, accents, apostrophes), URLs
 * removed, split into words, hashtags and handles.
 */
public final class PostText {

    /**
     * Longest post text taken, in characters (UTF-16 units): the webhook refuses longer, the
     * connectors cut longer.
     */
    public static final int MAX_LENGTH = 20_000;

    // A link's path and fragment are not words of the post: "example.org/mercy#er" names no brand.
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    // "Mercy General's" names Mercy General; "l'Hôpital" is two words.
    private static final Pattern POSSESSIVE =
            Pattern.compile("(?<=\\p{L})['\u2019\u02bc]s(?![\\p{L}\\p{N}])");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02bc\u2018`]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final List<String> words;
    private final Set<String> hashtags;
    private final List<String> handles;

    private PostText(List<String> words, Set<String> hashtags, List<String> handles) {
        this.words = words;
        this.hashtags = hashtags;
        this.handles = handles;
    }

    /** Tokenizes a post's plain text. */
    public static PostText of(String raw) {
        var words = new ArrayList<String>();
        var hashtags = new HashSet<String>();
        var handles = new ArrayList<String>();
        var folded = fold(URL.matcher(raw == null ? "" : raw).replaceAll(" "));
        // A scanner, not a regex: a handle's "(?:[.@-]name)*" recurses once per part in
        // java.util.regex and overflows the stack on a long "@a.a.a..." run.
        int n = folded.length();
        int i = 0;
        while (i < n) {
            int cp = folded.codePointAt(i);
            if (cp == '#' && !(i > 0 && blocksHashtag(folded.codePointBefore(i)))) {
                int end = nameEnd(folded, i + 1);
                if (end > i + 1) {
                    var tag = folded.substring(i + 1, end);
                    hashtags.add(tag.replace("_", ""));
                    // "#Mercy_General" also reads as the words "mercy general".
                    for (var part : tag.split("_+")) {
                        if (!part.isEmpty()) {
                            words.add(part);
                        }
                    }
                    i = end;
                    continue;
                }
            } else if (cp == '@' && !(i > 0 && blocksHandle(folded.codePointBefore(i)))) {
                int end = handleEnd(folded, i + 1);
                if (end > i + 1) {
                    handles.add(folded.substring(i + 1, end));
                    i = end;
                    continue;
                }
            } else if (isLetterOrNumber(cp)) {
                int end = i;
                while (end < n && isLetterOrNumber(folded.codePointAt(end))) {
                    end += Character.charCount(folded.codePointAt(end));
                }
                words.add(folded.substring(i, end));
                i = end;
                continue;
            }
            i += Character.charCount(cp);
        }
        return new PostText(List.copyOf(words), Set.copyOf(hashtags), List.copyOf(handles));
    }

    /** Whether {@code s} is a hashtag body: letters, numbers and '_' only. */
    static boolean isTagName(String s) {
        return !s.isEmpty() && nameEnd(s, 0) == s.length();
    }

    /** Whether {@code s} is a handle body: names joined by single '.', '@' or '-'. */
    static boolean isHandleName(String s) {
        return !s.isEmpty() && handleEnd(s, 0) == s.length();
    }

    /** End of the run of letters, numbers and '_' from {@code from}. */
    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isLetterOrNumber(cp) && cp != '_') {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** End of the longest handle body from {@code from}: name, then ([.@-] name)*. */
    private static int handleEnd(String s, int from) {
        int end = nameEnd(s, from);
        if (end == from) {
            return from;
        }
        while (end < s.length()) {
            char sep = s.charAt(end);
            if (sep != '.' && sep != '@' && sep != '-') {
                break;
            }
            int next = nameEnd(s, end + 1);
            if (next == end + 1) {
                break;
            }
            end = next;
        }
        return end;
    }

    private static boolean blocksHashtag(int cp) {
        return isLetterOrNumber(cp) || cp == '_' || cp == '&';
    }

    private static boolean blocksHandle(int cp) {
        return isLetterOrNumber(cp) || cp == '_' || cp == '.' || cp == '+' || cp == '-';
    }

    /** The regex classes \p{L} and \p{N}. */
    private static boolean isLetterOrNumber(int cp) {
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /**
     * Lower case, without accents or apostrophes, compatibility forms unified (full-width etc.).
     */
    public static String fold(String text) {
        var decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        var bare = MARKS.matcher(decomposed).replaceAll("");
        var lower = bare.toLowerCase(Locale.ROOT);
        return APOSTROPHES.matcher(POSSESSIVE.matcher(lower).replaceAll("")).replaceAll(" ");
    }

    /** The words of a query term or alias, folded the same way as a post. */
    public static List<String> wordsOf(String term) {
        var out = new ArrayList<String>();
        var m = WORD.matcher(fold(term));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * Whether the words contain the phrase, by Knuth-Morris-Pratt: linear in the post's words even
     * when a post repeats most of a long phrase over and over.
     */
    boolean containsPhrase(List<String> phrase) {
        int m = phrase.size();
        if (m == 0 || m > words.size()) {
            return false;
        }
        int[] fallback = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && !phrase.get(i).equals(phrase.get(k))) {
                k = fallback[k - 1];
            }
            if (phrase.get(i).equals(phrase.get(k))) {
                k++;
            }
            fallback[i] = k;
        }
        for (int i = 0, k = 0; i < words.size(); i++) {
            while (k > 0 && !words.get(i).equals(phrase.get(k))) {
                k = fallback[k - 1];
            }
            if (words.get(i).equals(phrase.get(k))) {
                k++;
                if (k == m) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean containsHashtag(String tag) {
        return hashtags.contains(tag);
    }

    boolean containsHandle(String handle) {
        for (var h : handles) {
            // @mercyhealth also names @mercyhealth@mastodon.social and @mercyhealth.bsky.social.
            if (h.equals(handle) || h.startsWith(handle + "@") || h.startsWith(handle + ".")) {
                return true;
            }
        }
        return false;
    }
}
