package org.caresignal.ingest.domain;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the HTML of a post (Mastodon content, an RSS description) into plain text with jsoup:
 * paragraphs and line breaks become newlines, tags are dropped with their text kept, entities are
 * decoded.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS =
            Set.of(
                    "p",
                    "div",
                    "li",
                    "blockquote",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "tr",
                    "ol",
                    "ul",
                    "pre",
                    "table",
                    "section",
                    "article",
                    "header",
                    "footer",
                    "figure",
                    "figcaption",
                    "dl",
                    "dt",
                    "dd",
                    "hr");
    private static final Set<String> INVISIBLE =
            Set.of("script", "style", "head", "template", "noscript", "title");

    private HtmlText() {}

    /** The visible text of {@code html}; null stays null. */
    public static String toPlain(String html) {
        if (html == null) {
            return null;
        }
        // jsoup's tokenizer is a linear state machine: quoted '>' in attributes, runs of '<'
        // and unclosed comments cannot leak markup or make it backtrack.
        var body = Jsoup.parseBodyFragment(html).body();
        var out = new StringBuilder(html.length());
        NodeTraversor.traverse(new Collector(out), body);
        return tidy(out);
    }

    /**
     * Decodes every HTML character reference (all named entities of HTML5, decimal and hex);
     * unknown names and invalid numbers stay as written.
     */
    public static String decode(String s) {
        return Parser.unescapeEntities(s, false);
    }

    /** Appends text nodes and a break marker around block elements, skipping invisible ones. */
    private static final class Collector implements NodeVisitor {
        private final StringBuilder out;
        private int hidden;

        Collector(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (hidden == 0) {
                    // Mastodon splits a link into "invisible" and "ellipsis" spans: joining the
                    // spans' text gives the URL, so text nodes are concatenated without spaces.
                    out.append(text.getWholeText());
                }
            } else if (node instanceof Element element) {
                var name = element.normalName();
                if (INVISIBLE.contains(name)) {
                    hidden++;
                } else if (hidden == 0 && "br".equals(name)) {
                    out.append('\n');
                } else if (hidden == 0 && BLOCKS.contains(name)) {
                    out.append("\n\n");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                var name = element.normalName();
                if (INVISIBLE.contains(name)) {
                    hidden--;
                } else if (hidden == 0 && BLOCKS.contains(name)) {
                    out.append("\n\n");
                }
            }
        }
    }

    /**
     * Collapses horizontal space to one blank, trims blanks around line breaks and keeps at most
     * one empty line; a single pass, so the cost is linear in the text.
     */
    private static String tidy(CharSequence s) {
        var out = new StringBuilder(s.length());
        int newlines = 0;
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                newlines++;
                space = false;
            } else if (isHorizontalSpace(c)) {
                space = true;
            } else {
                if (out.length() > 0) {
                    if (newlines > 0) {
                        out.append(newlines == 1 ? "\n" : "\n\n");
                    } else if (space) {
                        out.append(' ');
                    }
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0';
    }
}
