package org.caresignal.ingest.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML of a post (Mastodon content, an RSS description) into plain text: paragraphs and
 * line breaks become newlines, tags are dropped with their text kept, entities are decoded.
 */
public final class HtmlText {

    private static final Pattern INVISIBLE_BLOCKS =
            Pattern.compile("(?is)<(script|style|head)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern COMMENTS = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK_END =
            Pattern.compile("(?i)</(p|div|li|blockquote|h[1-6]|tr|ol|ul|pre)\\s*>");
    private static final Pattern BLOCK_START =
            Pattern.compile("(?i)<(p|div|li|blockquote|h[1-6]|tr|ol|ul|pre)(\\s[^>]*)?>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(\\s*\\n)+");
    private static final Map<String, String> NAMED =
            Map.ofEntries(
                    Map.entry("amp", "&"),
                    Map.entry("lt", "<"),
                    Map.entry("gt", ">"),
                    Map.entry("quot", "\""),
                    Map.entry("apos", "'"),
                    Map.entry("nbsp", " "),
                    Map.entry("hellip", "…"),
                    Map.entry("mdash", "—"),
                    Map.entry("ndash", "–"),
                    Map.entry("lsquo", "‘"),
                    Map.entry("rsquo", "’"),
                    Map.entry("ldquo", "“"),
                    Map.entry("rdquo", "”"),
                    Map.entry("laquo", "«"),
                    Map.entry("raquo", "»"),
                    Map.entry("copy", "©"),
                    Map.entry("reg", "®"),
                    Map.entry("trade", "™"),
                    Map.entry("eacute", "é"),
                    Map.entry("egrave", "è"),
                    Map.entry("agrave", "à"),
                    Map.entry("ccedil", "ç"),
                    Map.entry("ouml", "ö"),
                    Map.entry("uuml", "ü"),
                    Map.entry("auml", "ä"),
                    Map.entry("szlig", "ß"),
                    Map.entry("ntilde", "ñ"));

    private HtmlText() {}

    /** The visible text of {@code html}; null stays null. */
    public static String toPlain(String html) {
        if (html == null) {
            return null;
        }
        var s = INVISIBLE_BLOCKS.matcher(html).replaceAll(" ");
        s = COMMENTS.matcher(s).replaceAll(" ");
        s = BREAK.matcher(s).replaceAll("\n");
        s = BLOCK_END.matcher(s).replaceAll("\n\n");
        s = BLOCK_START.matcher(s).replaceAll("\n\n");
        // Mastodon splits a link into "invisible" and "ellipsis" spans: joining them gives the URL.
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        s = SPACES.matcher(s).replaceAll(" ");
        s = s.replaceAll(" *\\n *", "\n");
        s = BLANK_LINES.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    /** Decodes numeric and the common named character references; unknown ones stay as written. */
    public static String decode(String s) {
        var m = ENTITY.matcher(s);
        var out = new StringBuilder();
        while (m.find()) {
            var name = m.group(1);
            String replacement;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                replacement = codePoint(Integer.parseInt(name.substring(2), 16), m.group());
            } else if (name.startsWith("#")) {
                replacement = codePoint(Integer.parseInt(name.substring(1)), m.group());
            } else {
                replacement = NAMED.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int cp, String original) {
        return Character.isValidCodePoint(cp) && cp != 0
                ? new String(Character.toChars(cp))
                : original;
    }
}
