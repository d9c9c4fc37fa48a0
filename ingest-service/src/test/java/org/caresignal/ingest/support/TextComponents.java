package org.caresignal.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.caresignal.ingest.domain.BrandMatcher;
import org.caresignal.ingest.domain.HtmlText;
import org.caresignal.ingest.domain.LanguageDetector;
import org.caresignal.ingest.domain.NameRedactor;
import org.caresignal.ingest.domain.PostText;
import org.caresignal.ingest.domain.Redactor;
import org.caresignal.ingest.domain.WatchQueryParser;
import org.caresignal.ingest.source.rss.FeedParser;

/** Every piece of ingest that runs over post or feed text, by name, for the linear-time checks. */
public final class TextComponents {

    private TextComponents() {}

    private static final BrandMatcher MATCHER =
            new BrandMatcher(
                    List.of(
                            new BrandMatcher.BrandRule(
                                    "mercy",
                                    WatchQueryParser.parse(
                                            "(\"Mercy General\" OR #MercyGeneral OR @mercyhealth)"
                                                    + " AND NOT \"mercy me\" OR \"a a a a b\""),
                                    List.of(
                                            BrandMatcher.FacilityRule.of(
                                                    "north",
                                                    "Mercy General North",
                                                    List.of("#MercyNorth", "@mercy.north")),
                                            BrandMatcher.FacilityRule.of(
                                                    "er", "Mercy General ER wait x", List.of())))));

    /** Component name to the work it does on one text. */
    public static Map<String, Consumer<String>> all() {
        var m = new LinkedHashMap<String, Consumer<String>>();
        m.put("HtmlText", HtmlText::toPlain);
        m.put("Redactor", Redactor::redact);
        m.put("NameRedactor", NameRedactor::find);
        m.put("PostText", PostText::of);
        m.put("BrandMatcher (watch query)", MATCHER::match);
        m.put("LanguageDetector", LanguageDetector::detect);
        m.put("FeedParser", TextComponents::feed);
        return m;
    }

    private static void feed(String text) {
        var escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        var xml =
                "<rss version=\"2.0\"><channel><title>t</title><item><title>"
                        + escaped
                        + "</title><description>"
                        + escaped
                        + "</description><pubDate>"
                        + escaped
                        + "</pubDate></item></channel></rss>";
        FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }
}
