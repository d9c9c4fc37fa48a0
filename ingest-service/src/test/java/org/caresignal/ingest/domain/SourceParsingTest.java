package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.caresignal.ingest.source.mastodon.MastodonTimeline;
import org.caresignal.ingest.source.reddit.RedditListing;
import org.caresignal.ingest.source.rss.FeedParser;
import org.caresignal.ingest.source.x.XSearchPage;
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
    void aRetweetTakesTheOriginalsFullTextAndAQuoteKeepsItsOwnBothNameAndCarryTheirOriginal() {
        var body =
                """
                {"data":[
                  {"id":"300","text":"RT @bob: Six hours at St Marys A&amp;E and cou…","author_id":"1",
                   "created_at":"2026-08-01T13:00:00.000Z",
                   "referenced_tweets":[{"type":"retweeted","id":"100"}]},
                  {"id":"299","text":"This again? https://t.co/x","author_id":"1",
                   "referenced_tweets":[{"type":"quoted","id":"101"}]},
                  {"id":"298","text":"@bob same","author_id":"1",
                   "referenced_tweets":[{"type":"replied_to","id":"102"}]},
                  {"id":"297","text":"RT @gone: old","author_id":"1",
                   "referenced_tweets":[{"type":"retweeted","id":"103"}]}],
                 "includes":{"users":[{"id":"1","username":"ann","name":"Ann"},
                                      {"id":"2","username":"bob","name":"Bob"}],
                             "tweets":[{"id":"100","author_id":"2","text":"Six hours at St Marys A&E and counting",
                                        "created_at":"2026-08-01T12:00:00.000Z"},
                                       {"id":"101","author_id":"2","text":"St Marys parking is full"}]},
                 "meta":{"newest_id":"300","oldest_id":"297","result_count":4}}
                """;
        var page = XSearchPage.parse(body, new ObjectMapper());
        assertThat(page.posts())
                .extracting(FetchedPost::externalId)
                .containsExactly("300", "100", "299", "101", "298", "297");
        var retweet = page.posts().get(0);
        assertThat(retweet.repostOf()).isEqualTo("100");
        assertThat(retweet.text()).isEqualTo("Six hours at St Marys A&E and counting");
        assertThat(retweet.authorHandle()).isEqualTo("ann");
        assertThat(page.posts().get(1).authorHandle()).isEqualTo("bob");
        assertThat(page.posts().get(1).repostOf()).isNull();
        var quote = page.posts().get(2);
        assertThat(quote.repostOf()).isEqualTo("101");
        assertThat(quote.text()).isEqualTo("This again? https://t.co/x");
        assertThat(page.posts().get(4).repostOf()).as("a reply is no repost").isNull();
        // The original was not included: the retweet still names it, with its own (cut) text.
        assertThat(page.posts().get(5).repostOf()).isEqualTo("103");
        assertThat(page.posts().get(5).text()).isEqualTo("RT @gone: old");
    }

    @Test
    void aRedditCrosspostNamesItsParentAndCarriesItWhenListed() {
        var body =
                """
                {"kind":"Listing","data":{"after":null,"children":[
                  {"kind":"t3","data":{"id":"b2","name":"t3_b2","title":"St Marys A&E tonight",
                   "selftext":"","author":"ann","permalink":"/r/london/comments/b2/x/",
                   "created_utc":1785590000.0,"crosspost_parent":"t3_a1",
                   "crosspost_parent_list":[{"id":"a1","name":"t3_a1","title":"St Marys A&E tonight",
                     "selftext":"Five hours and counting","author":"bob",
                     "permalink":"/r/nhs/comments/a1/x/","created_utc":1785580000.0}]}},
                  {"kind":"t3","data":{"id":"b1","name":"t3_b1","title":"Crosspost of a removed post",
                   "author":"cy","crosspost_parent":"t3_zz","crosspost_parent_list":[]}}]}}
                """;
        var page = RedditListing.parse(body, new ObjectMapper());
        var crosspost = page.entries().get(0);
        assertThat(crosspost.post().externalId()).isEqualTo("t3_b2");
        assertThat(crosspost.post().repostOf()).isEqualTo("t3_a1");
        assertThat(crosspost.original().externalId()).isEqualTo("t3_a1");
        assertThat(crosspost.original().text())
                .isEqualTo("St Marys A&E tonight\n\nFive hours and counting");
        assertThat(crosspost.original().authorHandle()).isEqualTo("bob");
        assertThat(crosspost.original().url())
                .isEqualTo("https://www.reddit.com/r/nhs/comments/a1/x/");
        assertThat(crosspost.posts())
                .extracting(FetchedPost::externalId)
                .containsExactly("t3_a1", "t3_b2");
        assertThat(page.entries().get(1).post().repostOf()).isEqualTo("t3_zz");
        assertThat(page.entries().get(1).original()).isNull();
    }

    @Test
    void aBoostIsItsOwnPostNamingItsOriginalWhichComesWithItAndIdsOrderByLengthThenValue() {
        var page =
                "[{\"id\":\"99\",\"uri\":\"https://a/users/ann/statuses/99/activity\",\"url\":null,"
                        + "\"content\":\"\",\"created_at\":\"2026-08-01T13:00:00.000Z\","
                        + "\"account\":{\"acct\":\"ann\",\"display_name\":\"Ann\"},\"reblog\":"
                        + "{\"id\":\"7\",\"uri\":\"https://b/original\",\"url\":\"https://b/@bob/7\","
                        + "\"content\":\"<p>hi</p>\",\"spoiler_text\":\"CW\","
                        + "\"created_at\":\"2026-08-01T12:30:15.000Z\","
                        + "\"account\":{\"acct\":\"bob@b\",\"display_name\":\"Bob\"}}},"
                        + "{\"id\":\"98\",\"uri\":\"https://a/plain\",\"content\":\"<p>yo</p>\","
                        + "\"reblog\":null,\"account\":{\"acct\":\"cy\"}}]";
        var entries = MastodonTimeline.parse(page, new ObjectMapper());
        assertThat(entries.get(0).id()).isEqualTo("99");
        var boost = entries.get(0).post();
        var original = entries.get(0).original();
        assertThat(boost.externalId()).isEqualTo("https://a/users/ann/statuses/99/activity");
        assertThat(boost.repostOf()).isEqualTo("https://b/original");
        assertThat(boost.text()).isEqualTo("CW\n\nhi");
        assertThat(boost.authorHandle()).isEqualTo("ann");
        assertThat(boost.url()).isEqualTo("https://b/@bob/7");
        assertThat(boost.publishedAt()).isEqualTo(Instant.parse("2026-08-01T13:00:00Z"));
        assertThat(original.externalId()).isEqualTo("https://b/original");
        assertThat(original.repostOf()).isNull();
        assertThat(original.authorHandle()).isEqualTo("bob@b");
        assertThat(entries.get(0).posts()).containsExactly(original, boost);
        assertThat(entries.get(1).original()).isNull();
        assertThat(entries.get(1).posts()).extracting(FetchedPost::repostOf).containsOnlyNulls();
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
