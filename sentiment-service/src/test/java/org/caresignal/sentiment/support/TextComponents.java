package org.caresignal.sentiment.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.domain.TextNormalizer;

/** The text handling of sentiment that runs over post text, by name, for the linear checks. */
public final class TextComponents {

    private TextComponents() {}

    /** Component name to the work it does on one text. */
    public static Map<String, Consumer<String>> all() {
        TextNormalizer normalizer = SentimentScorer.normalizer();
        var m = new LinkedHashMap<String, Consumer<String>>();
        m.put("TextNormalizer", normalizer::normalize);
        // A hashtag's body is everything after '#': letters and digits, so the input's other
        // characters are mapped onto letters to keep its shape (runs, repeats) intact.
        m.put("HashtagSegmenter", text -> normalizer.normalize("#" + asHashtag(text)));
        return m;
    }

    private static String asHashtag(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isLetterOrDigit(c) ? c : (char) ('a' + c % 26));
        }
        return out.toString();
    }
}
