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

    // A link's path and fragment are not words of the post: "example.org/mercy#er" names no brand.
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    // "Mercy General's" names Mercy General; "l'Hôpital" is two words.
    private static final Pattern POSSESSIVE =
            Pattern.compile("(?<=\\p{L})['\u2019\u02bc]s(?![\\p{L}\\p{N}])");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02bc\u2018`]");
    private static final Pattern TOKEN =
            Pattern.compile(
                    "(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_]+)"
                            + "|(?<![\\p{L}\\p{N}_.+-])@([\\p{L}\\p{N}_]+(?:[.@-][\\p{L}\\p{N}_]+)*)"
                            + "|([\\p{L}\\p{N}]+)");
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
        var m = TOKEN.matcher(folded);
        while (m.find()) {
            if (m.group(1) != null) {
                hashtags.add(m.group(1).replace("_", ""));
                // "#Mercy_General" also reads as the words "mercy general".
                for (var part : m.group(1).split("_+")) {
                    if (!part.isEmpty()) {
                        words.add(part);
                    }
                }
            } else if (m.group(2) != null) {
                handles.add(m.group(2));
            } else {
                words.add(m.group(3));
            }
        }
        return new PostText(List.copyOf(words), Set.copyOf(hashtags), List.copyOf(handles));
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

    boolean containsPhrase(List<String> phrase) {
        if (phrase.isEmpty() || phrase.size() > words.size()) {
            return false;
        }
        outer:
        for (int i = 0; i <= words.size() - phrase.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!words.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return true;
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
