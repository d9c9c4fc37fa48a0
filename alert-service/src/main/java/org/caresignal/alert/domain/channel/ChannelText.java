package org.caresignal.alert.domain.channel;

import java.util.Locale;

/**
 * Escaping of user- and remote-derived text for each place a channel puts it: Slack mrkdwn, Teams
 * Adaptive Card markdown, HTML, a mail header; and links, which are kept only when they are plain
 * http(s) URLs. String in, the same text made inert out.
 */
public final class ChannelText {

    /** Longest URL kept as a link; a longer one is shown as text or left out. */
    static final int MAX_URL = 2048;

    private ChannelText() {}

    /**
     * Slack mrkdwn: {@code &}, {@code <} and {@code >} become entities, which is all Slack's own
     * escaping asks for; with no {@code <} left, no {@code <!channel>}, {@code <!here>}, {@code
     * <@U…>} or {@code <url|text>} can form.
     */
    public static String slack(String value) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A Slack link {@code <url|label>} when {@code url} is a plain http(s) URL (its {@code |} and
     * angle brackets percent-encoded so it cannot end early), else the label alone, escaped.
     */
    public static String slackLink(String url, String label) {
        var safe = httpUrl(url);
        if (safe == null) {
            return slack(label);
        }
        return "<" + safe.replace("&", "&amp;") + "|" + slack(label).replace("|", "¦") + ">";
    }

    /**
     * Adaptive Card (Teams) markdown, a CommonMark subset: the characters that make emphasis, links
     * (escaped brackets cannot open one, so parentheses may stay), code and HTML are
     * backslash-escaped, and line breaks become spaces so that no line can start a list.
     */
    public static String teams(String value) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', '*', '_', '[', ']', '`', '~', '<', '>' -> out.append('\\').append(c);
                case '\r', '\n', '\u2028', '\u2029' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** HTML text and attribute values. */
    public static String html(String value) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One header line: control characters (CR, LF, tab…) become spaces; cut to {@code max}. */
    public static String header(String value, int max) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return out.toString();
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    public static String cap(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    /**
     * {@code url} as a link we are willing to make: an absolute http(s) URL with a host and no
     * user-info, without whitespace or control characters, at most {@value #MAX_URL} characters;
     * the characters no URL may hold ({@code < > " | ` { } \ ^}) come back percent-encoded, so the
     * link cannot end early in any format. Null when it is not such a URL.
     */
    public static String httpUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL) {
            return null;
        }
        var lower = url.toLowerCase(Locale.ROOT);
        int start;
        if (lower.startsWith("https://")) {
            start = 8;
        } else if (lower.startsWith("http://")) {
            start = 7;
        } else {
            return null;
        }
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        var authority = url.substring(start, end);
        if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.startsWith(":")) {
            return null;
        }
        var out = new StringBuilder(url.length() + 16);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return null;
            }
            if ("<>\"|`{}\\^".indexOf(c) >= 0) {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
