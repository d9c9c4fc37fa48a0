package org.caresignal.alert.domain.privacy;

import java.util.regex.Pattern;

/**
 * The excerpt kept of a negative mention's (already redacted) text: whitespace runs collapsed to
 * one space, trimmed, at most {@value #MAX} characters without splitting a surrogate pair.
 */
public final class Excerpts {

    public static final int MAX = 140;

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u2028\\u2029]+");

    private Excerpts() {}

    /** The excerpt of {@code text}; null when there is no text. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        // Cut before collapsing too, so an enormous text costs no more than a long excerpt.
        var head = text.length() > MAX * 8 ? text.substring(0, MAX * 8) : text;
        var collapsed = WHITESPACE.matcher(head).replaceAll(" ").strip();
        if (collapsed.isEmpty()) {
            return null;
        }
        if (collapsed.length() <= MAX) {
            return collapsed;
        }
        int end = Character.isHighSurrogate(collapsed.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return collapsed.substring(0, end);
    }
}
