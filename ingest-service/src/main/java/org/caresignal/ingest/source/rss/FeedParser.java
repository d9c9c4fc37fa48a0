package org.caresignal.ingest.source.rss;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.HtmlText;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.parser.Parser;
import org.w3c.dom.DOMException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 1.0/0.3 document into posts: the dedup key (RSS
 * guid, else link, else a hash of title and date; Atom id), link (relative ones resolved), plain
 * text (title and description or content, HTML removed), publication time and author. Tolerates
 * what real feeds do: a wrong or missing declared charset, HTML entities XML does not know, broken
 * markup, dates in any common RFC 822 or ISO 8601 shape; an item it cannot read is skipped, not the
 * feed. Refuses anything that is not a feed, such as an HTML error page.
 */
public final class FeedParser {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String ATOM_03 = "http://purl.org/atom/ns#";
    private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";

    private FeedParser() {}

    /** The feed's items in document order (feeds usually list the newest first). */
    public static List<FetchedPost> parse(byte[] body) {
        var text = FeedText.decode(body);
        Element root;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // No external entities or DTDs: a feed must not make us read files or other URLs.
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(
                    "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXException | IOException e) {
            // Not well-formed (an HTML entity XML does not know, a stray '&' or '<', an unclosed
            // tag): jsoup's XML parser reads what a browser would, without DTDs or entities.
            root = lenient(text);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        if (root == null) {
            throw new MalformedSourceResponseException("the feed is not XML");
        }
        var name = root.getLocalName();
        if ("rss".equals(name)) {
            var channel = child(root, null, "channel");
            if (channel == null) {
                throw new MalformedSourceResponseException("an RSS document without <channel>");
            }
            return rssItems(
                    children(channel, "item"), base(null, text(child(channel, null, "link"))));
        }
        if ("RDF".equals(name)) {
            var channel = child(root, null, "channel");
            var site = channel == null ? null : text(child(channel, null, "link"));
            return rssItems(children(root, "item"), base(null, site));
        }
        if ("feed".equals(name)
                && (ATOM.equals(root.getNamespaceURI())
                        || ATOM_03.equals(root.getNamespaceURI()))) {
            var ns = root.getNamespaceURI();
            var feedBase = base(null, alternate(root, ns));
            feedBase = base(feedBase, root.getAttribute("xml:base"));
            var out = new ArrayList<FetchedPost>();
            for (var entry : children(root, "entry")) {
                try {
                    out.add(atomEntry(entry, ns, base(feedBase, entry.getAttribute("xml:base"))));
                } catch (RuntimeException e) {
                    // One unreadable entry costs that entry, not the feed.
                }
            }
            return out;
        }
        throw new MalformedSourceResponseException(
                "not an RSS or Atom feed (root element <" + name + ">)");
    }

    /**
     * The document's first top-level element as jsoup's XML parser reads it, as a W3C element; a
     * second root or a stray node beside it (which the W3C model cannot hold) is left out.
     */
    private static Element lenient(String text) {
        var first = Jsoup.parse(text, "", Parser.xmlParser()).children().first();
        if (first == null) {
            return null;
        }
        // A body cut off in transfer would read as a feed of partial items: only a document that
        // closes its root element is read leniently.
        if (!text.stripTrailing().endsWith("</" + first.tagName() + ">")) {
            throw new MalformedSourceResponseException("the feed is not well-formed XML");
        }
        try {
            return new W3CDom().fromJsoup(first).getDocumentElement();
        } catch (DOMException e) {
            throw new MalformedSourceResponseException("the feed is not XML", e);
        }
    }

    private static List<FetchedPost> rssItems(List<Element> items, URI base) {
        var out = new ArrayList<FetchedPost>();
        for (var item : items) {
            try {
                out.add(rssItem(item, base));
            } catch (RuntimeException e) {
                // One unreadable item costs that item, not the feed.
            }
        }
        return out;
    }

    private static FetchedPost rssItem(Element item, URI base) {
        var title = text(child(item, null, "title"));
        var link = text(child(item, null, "link"));
        var guid = text(child(item, null, "guid"));
        var pubDate = text(child(item, null, "pubDate"));
        if (pubDate == null) {
            pubDate = text(child(item, DC, "date"));
        }
        var body = text(child(item, CONTENT, "encoded"));
        if (body == null) {
            body = text(child(item, null, "description"));
        }
        var author = text(child(item, DC, "creator"));
        if (author == null) {
            author = text(child(item, null, "author"));
        }
        String key;
        if (guid != null) {
            key = guid;
        } else if (link != null) {
            key = link;
        } else {
            key = "sha256:" + sha256((title == null ? "" : title) + "\n" + pubDate);
        }
        return new FetchedPost(
                key,
                httpUrl(base, link),
                combine(title, HtmlText.toPlain(body)),
                FeedDates.parse(pubDate),
                null,
                author);
    }

    private static FetchedPost atomEntry(Element entry, String ns, URI base) {
        var id = text(child(entry, ns, "id"));
        var title = plainOf(child(entry, ns, "title"));
        var content = child(entry, ns, "content");
        var body = plainOf(content != null ? content : child(entry, ns, "summary"));
        var link = alternate(entry, ns);
        String published = null;
        // Atom 1.0 has published and updated; Atom 0.3 issued, created and modified.
        for (var field : List.of("published", "issued", "created", "updated", "modified")) {
            published = text(child(entry, ns, field));
            if (published != null) {
                break;
            }
        }
        var author = child(entry, ns, "author");
        var authorName = author == null ? null : text(child(author, ns, "name"));
        var url = httpUrl(base, link);
        if (id == null) {
            id = url != null ? url : "sha256:" + sha256(title + "\n" + published);
        }
        return new FetchedPost(
                id, url, combine(title, body), FeedDates.parse(published), null, authorName);
    }

    /** The href of the first link without rel or with rel="alternate". */
    private static String alternate(Element parent, String ns) {
        for (var l : children(parent, "link")) {
            var rel = l.getAttribute("rel");
            if ((rel.isEmpty() || "alternate".equals(rel)) && !l.getAttribute("href").isEmpty()) {
                return l.getAttribute("href");
            }
        }
        return null;
    }

    /** {@code link} resolved against {@code base}, or {@code base} when link is not usable. */
    private static URI base(URI base, String link) {
        if (link == null || link.isBlank()) {
            return base;
        }
        try {
            var uri = new URI(link.strip());
            return base == null ? (uri.isAbsolute() ? uri : null) : base.resolve(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return base;
        }
    }

    private static String plainOf(Element e) {
        if (e == null) {
            return null;
        }
        var type = e.getAttribute("type");
        var raw = e.getTextContent();
        // type="xhtml" is markup as elements: its text content is already the visible text.
        // Atom 0.3 says mode="escaped" (with type="text/html") for the same thing as type="html".
        boolean html =
                "html".equals(type)
                        || "escaped".equals(e.getAttribute("mode"))
                        || "text/html".equals(type);
        return html ? HtmlText.toPlain(raw) : HtmlText.toPlain(escapeless(raw));
    }

    private static String escapeless(String text) {
        return text == null ? null : text.replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Title and body as one text, without repeating the headline when the body only restates it
     * (Google News bodies are the headline and the publisher).
     */
    static String combine(String title, String body) {
        var t = title == null ? "" : HtmlText.toPlain(title).strip();
        var b = body == null ? "" : body.strip();
        if (b.isEmpty()) {
            return t;
        }
        if (t.isEmpty()) {
            return b;
        }
        var tn = alnum(t);
        var bn = alnum(b);
        if (tn.contains(bn)) {
            return t;
        }
        if (bn.contains(tn)) {
            return b;
        }
        return t + "\n\n" + b;
    }

    private static String alnum(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}]+", "").toLowerCase(Locale.ROOT);
    }

    /** The link as an absolute http(s) URL, resolved against the feed's base; else null. */
    private static String httpUrl(URI base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        var l = link.strip();
        if (l.startsWith("http://") || l.startsWith("https://")) {
            return l;
        }
        var resolved = base(base, l);
        if (resolved == null || !resolved.isAbsolute()) {
            return null;
        }
        var scheme = resolved.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? resolved.toString() : null;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        var t = e.getTextContent();
        return t == null || t.isBlank() ? null : t.strip();
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE
                    && localName.equals(n.getLocalName())
                    && (namespace == null
                            ? n.getNamespaceURI() == null
                                    || !n.getNamespaceURI().equals(CONTENT)
                                            && !n.getNamespaceURI().equals(DC)
                            : namespace.equals(n.getNamespaceURI()))) {
                return (Element) n;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        var out = new ArrayList<Element>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(n.getLocalName())) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
