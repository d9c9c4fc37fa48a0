package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HTML to text, RSS/Atom parsing, Mastodon pages and links, rate-limit headers and backoff. */
class SourceParsingTest {

    @Test
    void mastodonHtmlBecomesPlainTextWithFullLinks() {
        var html =
                "<p>Great care at <a href=\"https://m.example/tags/StMarys\" class=\"mention"
                        + " hashtag\">#<span>StMarys</span></a> today.<br>Thanks &amp; bye</p><p>"
                        + "<a href=\"https://example.org/a/b\"><span class=\"invisible\">https://</span>"
                        + "<span class=\"ellipsis\">example.org/a</span><span class=\"invisible\">/b"
                        + "</span></a> &#8230; &#x1F600;</p>";
        assertThat(HtmlText.toPlain(html))
                .isEqualTo(
                        "Great care at #StMarys today.\nThanks & bye\n\nhttps://example.org/a/b … \uD83D\uDE00");
        assertThat(HtmlText.toPlain("<script>alert(1)</script>a &unknown; b"))
                .isEqualTo("a &unknown; b");
    }

    @Test
    void atomEntriesAreKeyedByIdWithTheirAlternateLink() {
        var atom =
                """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Example</title><id>urn:feed</id><updated>2026-08-01T12:00:00Z</updated>
                  <entry>
                    <id>tag:example.org,2026:1</id>
                    <title>Mercy General opens</title>
                    <link rel="alternate" href="https://example.org/1"/>
                    <updated>2026-08-01T12:00:00Z</updated>
                    <content type="html">&lt;p&gt;New wing at &lt;b&gt;Mercy General&lt;/b&gt;&lt;/p&gt;</content>
                    <author><name>Newsroom</name></author>
                  </entry>
                </feed>
                """;
        var posts = FeedParser.parse(atom.getBytes(StandardCharsets.UTF_8));
        assertThat(posts)
                .containsExactly(
                        new FetchedPost(
                                "tag:example.org,2026:1",
                                "https://example.org/1",
                                "Mercy General opens\n\nNew wing at Mercy General",
                                Instant.parse("2026-08-01T12:00:00Z"),
                                null,
                                "Newsroom"));
    }

    @Test
    void rssWithoutGuidFallsBackToTheLink() {
        var rss =
                "<rss version=\"2.0\"><channel><title>t</title><item><title>A</title>"
                        + "<link>https://example.org/a</link><description>Body text</description>"
                        + "<pubDate>Sat, 01 Aug 2026 09:15:00 +0000</pubDate></item></channel></rss>";
        var post = FeedParser.parse(rss.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(post.externalId()).isEqualTo("https://example.org/a");
        assertThat(post.text()).isEqualTo("A\n\nBody text");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2026-08-01T09:15:00Z"));
    }

    @Test
    void externalEntitiesAndNonFeedsAreRefused() {
        var xxe =
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<rss><channel><item><title>&x;</title></item></channel></rss>";
        assertThat(
                        FeedParser.parse(xxe.getBytes(StandardCharsets.UTF_8)).stream()
                                .map(FetchedPost::text)
                                .toList())
                .noneMatch(t -> t != null && t.contains("root:"));
        assertThatThrownBy(() -> FeedParser.parse("<html><body/></html>".getBytes()))
                .isInstanceOf(MalformedSourceResponseException.class)
                .hasMessageContaining("not an RSS or Atom feed");
        assertThatThrownBy(() -> FeedParser.parse("{\"error\":1}".getBytes()))
                .isInstanceOf(MalformedSourceResponseException.class);
    }

    @Test
    void aBoostStandsForItsOriginalAndIdsOrderByLengthThenValue() {
        var page =
                "[{\"id\":\"99\",\"uri\":\"https://a/boost\",\"content\":\"\",\"reblog\":"
                        + "{\"id\":\"7\",\"uri\":\"https://b/original\",\"content\":\"<p>hi</p>\","
                        + "\"spoiler_text\":\"CW\",\"created_at\":\"2026-08-01T12:30:15.000Z\","
                        + "\"account\":{\"acct\":\"bob@b\",\"display_name\":\"Bob\"}}}]";
        var entries = MastodonTimeline.parse(page, new ObjectMapper());
        assertThat(entries.get(0).id()).isEqualTo("99");
        assertThat(entries.get(0).post().externalId()).isEqualTo("https://b/original");
        assertThat(entries.get(0).post().text()).isEqualTo("CW\n\nhi");
        assertThat(entries.get(0).post().authorHandle()).isEqualTo("bob@b");
        assertThat(MastodonTimeline.ID_ORDER.compare("100", "99")).isPositive();
        assertThat(
                        MastodonTimeline.prevMinId(
                                "<https://m/api?limit=2&max_id=5>; rel=\"next\","
                                        + " <https://m/api?limit=2&min_id=112233>; rel=\"prev\""))
                .contains("112233");
        assertThatThrownBy(() -> MastodonTimeline.parse("{\"error\":\"x\"}", new ObjectMapper()))
                .isInstanceOf(MalformedSourceResponseException.class);
    }

    @Test
    void rateLimitHeadersAndRetryAfterAreRead() {
        var now = Instant.parse("2026-08-01T12:00:00Z");
        var limits =
                RateLimit.mastodon(
                        h ->
                                switch (h) {
                                    case "X-RateLimit-Limit" -> "300";
                                    case "X-RateLimit-Remaining" -> "0";
                                    case "X-RateLimit-Reset" -> "2026-08-01T12:35:00.000000Z";
                                    default -> null;
                                });
        assertThat(limits)
                .isEqualTo(new RateLimit(300L, 0L, Instant.parse("2026-08-01T12:35:00Z")));
        assertThat(limits.exhausted()).isTrue();
        assertThat(RateLimit.retryAfter("120", now)).contains(now.plusSeconds(120));
        assertThat(RateLimit.retryAfter("Sat, 01 Aug 2026 12:10:00 GMT", now))
                .contains(Instant.parse("2026-08-01T12:10:00Z"));
        assertThat(RateLimit.retryAfter("soon", now)).isEmpty();
    }

    @Test
    void backoffGrowsWithJitterIsCappedAndNeverBeatsTheSource() {
        var backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(30), new Random(7));
        var now = Instant.parse("2026-08-01T12:00:00Z");
        for (int failures = 1; failures <= 30; failures++) {
            var base = Math.min(30 * 60_000L, 5_000L << Math.min(failures - 1, 20));
            var next = backoff.next(now, failures, null);
            assertThat(Duration.between(now, next).toMillis()).isBetween(base / 2, base);
        }
        var asked = now.plusSeconds(600);
        assertThat(backoff.next(now, 1, asked)).isBetween(asked, asked.plusSeconds(60));
    }
}
