package org.caresignal.ingest.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Source responses shaped exactly like the real APIs (/work/shared/docs/source-apis.md: the Google
 * News RSS search feed, the Mastodon hashtag timeline), with ids and hashtags unique per test, and
 * the REST calls that set a brand and a connector up.
 */
public final class SourceFixtures {

    private SourceFixtures() {}

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates a brand whose watch query is the hashtag {@code #tag} (unique per test). */
    public static void brandWatching(String brandId, String tag) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", brandId);
        body.put("name", "St Mary's " + tag);
        body.put("watchQuery", "#" + tag);
        body.put("facilities", List.of());
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(201);
    }

    /** Creates a connector through the API. */
    public static void connector(
            String id, String kind, String brandId, String url, String query, String credential) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", kind);
        body.put("brandId", brandId);
        body.put("url", url);
        if (query != null) {
            body.put("query", query);
        }
        if (credential != null) {
            body.put("credential", credential);
        }
        body.put("pollInterval", "PT1M");
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .post("/api/sources")
                .then()
                .statusCode(201);
    }

    /** An RSS item of a Google News search feed. */
    public record NewsItem(String guid, String headline, String pubDate) {}

    /** A Google News search feed (RSS 2.0) with these items, newest first. */
    public static String googleNewsFeed(List<NewsItem> items) {
        var sb = new StringBuilder();
        sb.append(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
                  <channel>
                    <generator>NFE/5.0</generator>
                    <title>"St Mary's Hospital" - Google News</title>
                    <link>https://news.google.com/search?q=%22St+Mary%27s+Hospital%22&amp;hl=en-US&amp;gl=US&amp;ceid=US:en</link>
                    <language>en-US</language>
                    <webMaster>news-webmaster@google.com</webMaster>
                    <copyright>2026 Google LLC</copyright>
                    <lastBuildDate>Sat, 01 Aug 2026 12:40:00 GMT</lastBuildDate>
                    <description>Google News</description>
                """);
        for (var item : items) {
            sb.append(
                    """
                        <item>
                          <title>%1$s - Example Gazette</title>
                          <link>https://news.google.com/rss/articles/%2$s?oc=5</link>
                          <guid isPermaLink="false">%2$s</guid>
                          <pubDate>%3$s</pubDate>
                          <description>&lt;a href="https://news.google.com/rss/articles/%2$s?oc=5" target="_blank"&gt;%1$s&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Example Gazette&lt;/font&gt;</description>
                          <source url="https://www.examplegazette.com">Example Gazette</source>
                        </item>
                    """
                            .formatted(xml(item.headline()), item.guid(), item.pubDate()));
        }
        sb.append("  </channel>\n</rss>\n");
        return sb.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One Status of a Mastodon hashtag timeline, as the documented example. */
    public static Map<String, Object> status(String id, String uri, String tag, String words) {
        var account = new LinkedHashMap<String, Object>();
        account.put("id", "109876");
        account.put("username", "alice");
        account.put("acct", "alice@other.example");
        account.put("display_name", "Alice");
        account.put("locked", false);
        account.put("bot", false);
        account.put("url", "https://other.example/@alice");
        account.put(
                "avatar",
                "https://files.mastodon.example/cache/accounts/avatars/000/109/876/original/a.png");
        account.put("created_at", "2022-11-01T00:00:00.000Z");
        account.put("followers_count", 120);
        account.put("following_count", 80);
        account.put("statuses_count", 900);
        account.put("emojis", List.of());
        account.put("fields", List.of());
        var s = new LinkedHashMap<String, Object>();
        s.put("id", id);
        s.put("created_at", "2026-08-01T12:30:15.000Z");
        s.put("in_reply_to_id", null);
        s.put("in_reply_to_account_id", null);
        s.put("sensitive", false);
        s.put("spoiler_text", "");
        s.put("visibility", "public");
        s.put("language", "en");
        s.put("uri", uri);
        s.put("url", uri.replace("/users/alice/statuses/", "/@alice/"));
        s.put("replies_count", 1);
        s.put("reblogs_count", 3);
        s.put("favourites_count", 7);
        s.put("quotes_count", 0);
        s.put("edited_at", null);
        s.put(
                "content",
                "<p>"
                        + words
                        + " at <a href=\"https://mastodon.example/tags/"
                        + tag
                        + "\" class=\"mention hashtag\" rel=\"tag\">#<span>"
                        + tag
                        + "</span></a> today. <a href=\"https://example.org/news/very/long/path\""
                        + " rel=\"nofollow noopener noreferrer\" target=\"_blank\"><span"
                        + " class=\"invisible\">https://</span><span"
                        + " class=\"ellipsis\">example.org/news/very</span><span"
                        + " class=\"invisible\">/long/path</span></a></p>");
        s.put("reblog", null);
        s.put("account", account);
        s.put("media_attachments", List.of());
        s.put("mentions", List.of());
        s.put(
                "tags",
                List.of(
                        Map.of(
                                "name",
                                tag.toLowerCase(),
                                "url",
                                "https://mastodon.example/tags/" + tag.toLowerCase())));
        s.put("emojis", List.of());
        s.put("card", null);
        s.put("poll", null);
        s.put("quote", null);
        return s;
    }

    /**
     * A boost of {@code original} by another account, shaped like Mastodon's reblog wrapper: its
     * own id and activity uri, empty content and no tags, the original nested in {@code reblog}.
     */
    public static Map<String, Object> boost(String id, Map<String, Object> original) {
        var booster = new LinkedHashMap<String, Object>();
        booster.put("id", "204060");
        booster.put("username", "bob");
        booster.put("acct", "bob");
        booster.put("display_name", "Bob");
        booster.put("url", "https://mastodon.example/@bob");
        var s = new LinkedHashMap<String, Object>();
        s.put("id", id);
        s.put("created_at", "2026-08-01T12:40:00.000Z");
        s.put("in_reply_to_id", null);
        s.put("in_reply_to_account_id", null);
        s.put("sensitive", false);
        s.put("spoiler_text", "");
        s.put("visibility", "public");
        s.put("language", null);
        s.put("uri", "https://mastodon.example/users/bob/statuses/" + id + "/activity");
        s.put("url", null);
        s.put("replies_count", 0);
        s.put("reblogs_count", 0);
        s.put("favourites_count", 0);
        s.put("content", "");
        s.put("reblog", original);
        s.put("account", booster);
        s.put("media_attachments", List.of());
        s.put("mentions", List.of());
        s.put("tags", List.of());
        s.put("emojis", List.of());
        s.put("card", null);
        s.put("poll", null);
        return s;
    }

    /** A t3 post of a Reddit search Listing, as the documented example (raw_json=1). */
    public static Map<String, Object> redditPost(String id, String tag, String words) {
        var d = new LinkedHashMap<String, Object>();
        d.put("id", id);
        d.put("name", "t3_" + id);
        d.put("subreddit", "london");
        d.put("subreddit_name_prefixed", "r/london");
        d.put("title", "Shout-out to A&E at #" + tag);
        d.put("selftext", words + " & the staff were <great>.");
        d.put(
                "selftext_html",
                "<!-- SC_OFF --><div class=\"md\"><p>"
                        + words
                        + " &amp; the staff were &lt;great&gt;.</p></div><!-- SC_ON -->");
        d.put("author", "example_user");
        d.put("author_fullname", "t2_abc123");
        d.put("created_utc", 1785587415.0);
        d.put("permalink", "/r/london/comments/" + id + "/shoutout_to_ae/");
        d.put("url", "https://www.reddit.com/r/london/comments/" + id + "/shoutout_to_ae/");
        d.put("is_self", true);
        d.put("over_18", false);
        d.put("spoiler", false);
        d.put("score", 42);
        d.put("ups", 42);
        d.put("upvote_ratio", 0.97);
        d.put("num_comments", 7);
        d.put("locked", false);
        d.put("stickied", false);
        return Map.of("kind", "t3", "data", d);
    }

    /**
     * A crosspost of {@code parent} (a t3 child as {@link #redditPost}) into another subreddit,
     * with {@code crosspost_parent} and the parent's data in {@code crosspost_parent_list}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> redditCrosspost(String id, Map<String, Object> parent) {
        var parentData = (Map<String, Object>) parent.get("data");
        var d = new LinkedHashMap<String, Object>();
        d.put("id", id);
        d.put("name", "t3_" + id);
        d.put("subreddit", "unitedkingdom");
        d.put("subreddit_name_prefixed", "r/unitedkingdom");
        d.put("title", parentData.get("title"));
        d.put("selftext", "");
        d.put("author", "another_user");
        d.put("created_utc", 1785588000.0);
        d.put("permalink", "/r/unitedkingdom/comments/" + id + "/shoutout_to_ae/");
        d.put("url", "/r/london/comments/" + parentData.get("id") + "/shoutout_to_ae/");
        d.put("is_self", false);
        d.put("score", 5);
        d.put("num_comments", 0);
        d.put("crosspost_parent", parentData.get("name"));
        d.put("crosspost_parent_list", List.of(parentData));
        return Map.of("kind", "t3", "data", d);
    }

    /** A Reddit Listing of these t3 children (newest first) with its {@code after} anchor. */
    public static Map<String, Object> redditListing(
            List<Map<String, Object>> children, String after) {
        var data = new LinkedHashMap<String, Object>();
        data.put("after", after);
        data.put("dist", children.size());
        data.put("modhash", null);
        data.put("geo_filter", "");
        data.put("facets", Map.of());
        data.put("children", children);
        data.put("before", null);
        var listing = new LinkedHashMap<String, Object>();
        listing.put("kind", "Listing");
        listing.put("data", data);
        return listing;
    }

    /** One post of an X recent-search page, as the documented example. */
    public static Map<String, Object> xPost(String id, String tag, String words) {
        var d = new LinkedHashMap<String, Object>();
        d.put("id", id);
        d.put("text", words + " at #" + tag + " & thanks");
        d.put("author_id", "9876543210");
        d.put("created_at", "2026-08-01T12:30:15.000Z");
        d.put("lang", "en");
        d.put("possibly_sensitive", false);
        d.put("conversation_id", id);
        d.put("edit_history_tweet_ids", List.of(id));
        d.put(
                "public_metrics",
                Map.of(
                        "retweet_count", 2,
                        "reply_count", 1,
                        "like_count", 14,
                        "quote_count", 0,
                        "bookmark_count", 0,
                        "impression_count", 530));
        return d;
    }

    /**
     * A repost ({@code retweeted}) or quote ({@code quoted}) of {@code original} by another user,
     * shaped like X: a retweet's text is {@code RT @user: } and the original cut short.
     */
    public static Map<String, Object> xReference(
            String id, String type, Map<String, Object> original) {
        var d = new LinkedHashMap<String, Object>();
        d.put("id", id);
        var text = original.get("text").toString();
        d.put(
                "text",
                "retweeted".equals(type)
                        ? "RT @alice_example: "
                                + text.substring(0, Math.min(12, text.length()))
                                + "…"
                        : "Same here https://t.co/q" + id.substring(id.length() - 4));
        d.put("author_id", "1234567890");
        d.put("created_at", "2026-08-01T12:45:00.000Z");
        d.put("lang", "en");
        d.put("possibly_sensitive", false);
        d.put("conversation_id", id);
        d.put("edit_history_tweet_ids", List.of(id));
        d.put("referenced_tweets", List.of(Map.of("type", type, "id", original.get("id"))));
        return d;
    }

    /**
     * An X page whose posts reference the {@code included} posts, which come in {@code
     * includes.tweets} (expansion {@code referenced_tweets.id}) with both authors in users.
     */
    public static Map<String, Object> xPageWithReferences(
            List<Map<String, Object>> posts, List<Map<String, Object>> included) {
        var page = xPage(posts, null);
        page.put(
                "includes",
                Map.of(
                        "users",
                        List.of(
                                Map.of(
                                        "id", "9876543210",
                                        "name", "Alice",
                                        "username", "alice_example",
                                        "verified", false),
                                Map.of(
                                        "id", "1234567890",
                                        "name", "Bob",
                                        "username", "bob_example",
                                        "verified", false)),
                        "tweets",
                        included));
        return page;
    }

    /** An X recent-search page of these posts (newest first) with its meta and next_token. */
    public static Map<String, Object> xPage(List<Map<String, Object>> posts, String nextToken) {
        var page = new LinkedHashMap<String, Object>();
        var meta = new LinkedHashMap<String, Object>();
        if (!posts.isEmpty()) {
            page.put("data", posts);
            page.put(
                    "includes",
                    Map.of(
                            "users",
                            List.of(
                                    Map.of(
                                            "id", "9876543210",
                                            "name", "Alice",
                                            "username", "alice_example",
                                            "verified", false))));
            meta.put("newest_id", posts.get(0).get("id"));
            meta.put("oldest_id", posts.get(posts.size() - 1).get("id"));
        }
        meta.put("result_count", posts.size());
        if (nextToken != null) {
            meta.put("next_token", nextToken);
        }
        page.put("meta", meta);
        return page;
    }

    /** One PostView of a Bluesky searchPosts answer, as the documented example. */
    public static Map<String, Object> blueskyPost(String rkey, String tag, String indexedAt) {
        var author = new LinkedHashMap<String, Object>();
        author.put("did", "did:plc:abcdefghijklmnopqrstuvwx");
        author.put("handle", "alice.bsky.social");
        author.put("displayName", "Alice");
        author.put(
                "avatar",
                "https://cdn.bsky.app/img/avatar/plain/did:plc:abcdefghijklmnopqrstuvwx/bafkrei@jpeg");
        author.put("labels", List.of());
        author.put("createdAt", "2023-05-01T00:00:00.000Z");
        var record = new LinkedHashMap<String, Object>();
        record.put("$type", "app.bsky.feed.post");
        record.put("text", "Thank you to the nurses at #" + tag);
        record.put("langs", List.of("en"));
        record.put("createdAt", "2026-08-01T12:30:15.000Z");
        var view = new LinkedHashMap<String, Object>();
        view.put("uri", "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/" + rkey);
        view.put("cid", "bafyreie36hv3vh74dqr7zvswes4ascrqfwd7nrr3tytck5ypyd5d2a5dge");
        view.put("author", author);
        view.put("record", record);
        view.put("replyCount", 0);
        view.put("repostCount", 2);
        view.put("likeCount", 11);
        view.put("quoteCount", 0);
        view.put("bookmarkCount", 0);
        view.put("indexedAt", indexedAt);
        view.put("labels", List.of());
        return view;
    }
}
