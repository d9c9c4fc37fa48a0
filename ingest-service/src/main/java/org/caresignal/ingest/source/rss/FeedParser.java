package org.caresignal.ingest.source.rss;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads an RSS 2.0, RSS 1.0 or Atom document into posts: the dedup key (RSS guid, else link, else a
 * hash of title and date; Atom id), link, plain text (title and description or content, HTML
 * removed), publication time and author. Refuses anything else, such as an HTML error page.
 */
public final class FeedParser {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final DateTimeFormatter RFC_822_LENIENT =
            DateTimeFormatter.ofPattern("[EEE, ]d MMM yyyy HH:mm[:ss] [zzz][Z]", Locale.ENGLISH);

    private FeedParser() {}

    /** The feed's items in document order (feeds usually list the newest first). */
    public static List<FetchedPost> parse(byte[] body) {
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
            root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new MalformedSourceResponseException("the feed is not well-formed XML", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        var name = root.getLocalName();
        if ("rss".equals(name)) {
            var channel = child(root, null, "channel");
            if (channel == null) {
                throw new MalformedSourceResponseException("an RSS document without <channel>");
            }
            return rssItems(children(channel, "item"));
        }
        if ("RDF".equals(name)) {
            return rssItems(children(root, "item"));
        }
        if ("feed".equals(name) && ATOM.equals(root.getNamespaceURI())) {
            var out = new ArrayList<FetchedPost>();
            for (var entry : children(root, "entry")) {
                out.add(atomEntry(entry));
            }
            return out;
        }
        throw new MalformedSourceResponseException(
                "not an RSS or Atom feed (root element <" + name + ">)");
    }

    private static List<FetchedPost> rssItems(List<Element> items) {
        var out = new ArrayList<FetchedPost>();
        for (var item : items) {
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
            out.add(
                    new FetchedPost(
                            key,
                            httpUrl(link),
                            combine(title, HtmlText.toPlain(body)),
                            date(pubDate),
                            null,
                            author));
        }
        return out;
    }

    private static FetchedPost atomEntry(Element entry) {
        var id = text(child(entry, ATOM, "id"));
        var title = plainOf(child(entry, ATOM, "title"));
        var content = child(entry, ATOM, "content");
        var body = plainOf(content != null ? content : child(entry, ATOM, "summary"));
        String link = null;
        for (var l : children(entry, "link")) {
            var rel = l.getAttribute("rel");
            if (rel.isEmpty() || "alternate".equals(rel)) {
                link = l.getAttribute("href");
                break;
            }
        }
        var published = text(child(entry, ATOM, "published"));
        if (published == null) {
            published = text(child(entry, ATOM, "updated"));
        }
        var author = child(entry, ATOM, "author");
        var authorName = author == null ? null : text(child(author, ATOM, "name"));
        if (id == null) {
            id = link != null ? link : "sha256:" + sha256(title + "\n" + published);
        }
        return new FetchedPost(
                id, httpUrl(link), combine(title, body), date(published), null, authorName);
    }

    private static String plainOf(Element e) {
        if (e == null) {
            return null;
        }
        var type = e.getAttribute("type");
        var raw = e.getTextContent();
        // type="xhtml" is markup as elements: its text content is already the visible text.
        return "html".equals(type) ? HtmlText.toPlain(raw) : HtmlText.toPlain(escapeless(raw));
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

    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        var v = value.strip();
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            // fall through to the other shapes feeds use
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            // fall through
        }
        try {
            return ZonedDateTime.parse(v, RFC_822_LENIENT).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String httpUrl(String link) {
        if (link == null) {
            return null;
        }
        var l = link.strip();
        return l.startsWith("http://") || l.startsWith("https://") ? l : null;
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
