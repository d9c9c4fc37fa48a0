package org.caresignal.ingest.source.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.junit.jupiter.api.Test;

/** The feed quirks corpus under src/test/resources/feeds/, one file per quirk. */
class FeedParserTest {

    private static java.util.List<FetchedPost> feed(String file) {
        try (var in = FeedParserTest.class.getResourceAsStream("/feeds/" + file)) {
            return FeedParser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, FetchedPost> byKey(String file) {
        return feed(file).stream()
                .collect(Collectors.toMap(FetchedPost::externalId, Function.identity()));
    }

    @Test
    void htmlEntitiesXmlDoesNotDeclareAndBareAmpersandsAreRead() {
        var post = feed("undeclared-entities.xml").get(0);
        assertThat(post.text()).isEqualTo("Mercy General… wins award\n\nAT&T & Mercy — a © story");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
    }

    @Test
    void charsetsAreTakenFromTheBytesWhenTheDeclarationIsWrongOrMissing() {
        assertThat(feed("latin1-declared.xml").get(0).text())
                .isEqualTo("Hôpital Saint-Éloi: très bien");
        assertThat(feed("declared-latin1-but-utf8.xml").get(0).text())
                .isEqualTo("Hôpital Saint-Éloi: très bien");
        assertThat(feed("undeclared-windows-1252.xml").get(0).text())
                .isEqualTo("Mercy’s nurses – “great”");
        assertThat(feed("utf16-bom.xml").get(0).text()).isEqualTo("Mercy General ✓");
        assertThat(feed("utf8-bom.xml").get(0).text()).isEqualTo("Mercy General ✓");
    }

    @Test
    void rss091WithItsNetscapeDoctypeIsReadWithoutFetchingTheDtd() {
        var post = feed("rss-091.xml").get(0);
        assertThat(post.externalId()).isEqualTo("http://old.example/story.html");
        assertThat(post.url()).isEqualTo("http://old.example/story.html");
        assertThat(post.text()).isEqualTo("Mercy General in 1999\n\nAn \"old\" story");
        assertThat(post.publishedAt()).isNull();
    }

    @Test
    void rfc822DatesWithNamedZonesWithoutZonesAndWithWrongWeekdays() {
        var posts = byKey("rfc822-dates.xml");
        assertThat(posts.get("d-est").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T14:15:00Z"));
        assertThat(posts.get("d-pdt").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T16:15:00Z"));
        assertThat(posts.get("d-nozone").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
        assertThat(posts.get("d-wrongday").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T07:15:00Z"));
        assertThat(posts.get("d-2digit").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
        assertThat(posts.get("d-fullmonth").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
        assertThat(posts.get("d-dcdate").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T07:15:00Z"));
        assertThat(posts.get("d-missing").publishedAt()).isNull();
        assertThat(posts.get("d-garbage").publishedAt()).isNull();
    }

    @Test
    void isoDatesWithAndWithoutOffsetsAndRelativeLinksResolvedAgainstTheBase() {
        var posts = byKey("atom-iso-dates-and-relative-links.xml");
        assertThat(posts.get("e-offset").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T10:00:00Z"));
        assertThat(posts.get("e-offset").url()).isEqualTo("https://blog.example/news/posts/1");
        assertThat(posts.get("e-nooffset").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T12:00:00Z"));
        assertThat(posts.get("e-nooffset").url()).isEqualTo("https://blog.example/posts/2");
        assertThat(posts.get("e-fraction").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T12:00:00.123Z"));
        assertThat(posts.get("e-fraction").url()).isEqualTo("https://other.example/3");
        assertThat(posts.get("e-dateonly").publishedAt())
                .isEqualTo(Instant.parse("2026-08-01T00:00:00Z"));
        assertThat(posts.get("e-dateonly").url()).isNull();
        assertThat(posts.get("e-none").publishedAt()).isNull();
        assertThat(posts.get("e-none").text()).isEqualTo("Mercy General");
    }

    @Test
    void rss10RdfWithDublinCore() {
        var post = feed("rdf.xml").get(0);
        assertThat(post.text()).isEqualTo("Mercy General");
        assertThat(post.authorName()).isEqualTo("Jane");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
    }

    @Test
    void cdataIsTextAndARelativeItemLinkResolvesAgainstTheChannelLink() {
        var post = feed("cdata-and-relative-links.xml").get(0);
        assertThat(post.text()).isEqualTo("Mercy & General <3\n\nGreat care & staff today");
        assertThat(post.url()).isEqualTo("https://site.example/blog/post-1.html");
    }

    @Test
    void atom03EntriesAreRead() {
        var post = feed("atom-03.xml").get(0);
        assertThat(post.externalId()).isEqualTo("tag:old-atom.example,2004:1");
        assertThat(post.url()).isEqualTo("https://old-atom.example/1");
        assertThat(post.text()).isEqualTo("Mercy General\n\nOld news");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2004-08-01T09:15:00Z"));
        assertThat(post.authorName()).isEqualTo("Ann");
    }

    @Test
    void brokenMarkupInOneItemLeavesTheOtherItemsReadable() {
        var posts = byKey("broken-markup.xml");
        assertThat(posts).containsKeys("k-1", "k-3");
        assertThat(posts.get("k-1").text()).isEqualTo("first");
        assertThat(posts.get("k-3").publishedAt()).isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
    }

    @Test
    void nonFeedsAreStillRefused() {
        assertThatThrownBy(() -> FeedParser.parse("<html><body>502</body></html>".getBytes()))
                .isInstanceOf(MalformedSourceResponseException.class);
        assertThatThrownBy(() -> FeedParser.parse("{\"error\":1}".getBytes()))
                .isInstanceOf(MalformedSourceResponseException.class);
        assertThatThrownBy(() -> FeedParser.parse(new byte[0]))
                .isInstanceOf(MalformedSourceResponseException.class);
    }
}
