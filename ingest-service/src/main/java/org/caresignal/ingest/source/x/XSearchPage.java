package org.caresignal.ingest.source.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;

/**
 * Reads a page of X API v2 recent search: the posts ({@code data[]}, newest first) with their
 * authors joined from {@code includes.users}, and {@code meta.newest_id} / {@code meta.next_token}.
 * A retweet or quote names its original ({@code referenced_tweets}); the original follows it when X
 * included it ({@code includes.tweets}), and a retweet takes the original's full text (its own is
 * cut after {@code RT @user:}).
 */
public final class XSearchPage {

    /** The page: its posts in the order served, the newest id and the next page's token. */
    public record Page(List<FetchedPost> posts, String newestId, String nextToken) {}

    /** X ids are decimal snowflakes: longer is newer, then lexical. */
    public static final Comparator<String> ID_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private XSearchPage() {}

    public static Page parse(String body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedSourceResponseException("the search answer is not valid JSON", e);
        }
        if (root == null || !root.isObject() || !root.path("meta").isObject()) {
            throw new MalformedSourceResponseException("the answer is not an X search page");
        }
        var users = new HashMap<String, JsonNode>();
        for (var u : root.path("includes").path("users")) {
            users.put(u.path("id").asText(), u);
        }
        var tweets = new HashMap<String, JsonNode>();
        for (var t : root.path("includes").path("tweets")) {
            tweets.put(t.path("id").asText(), t);
        }
        var posts = new ArrayList<FetchedPost>();
        if (root.has("data") && !root.get("data").isArray()) {
            throw new MalformedSourceResponseException("data is not an array");
        }
        for (var tweet : root.path("data")) {
            JsonNode original = null;
            String repostOf = null;
            boolean retweet = false;
            for (var ref : tweet.path("referenced_tweets")) {
                var type = ref.path("type").asText();
                if ("retweeted".equals(type) || "quoted".equals(type)) {
                    repostOf = textOf(ref, "id");
                    retweet = "retweeted".equals(type);
                    original = repostOf == null ? null : tweets.get(repostOf);
                    if (retweet) {
                        break;
                    }
                }
            }
            if (repostOf != null && !repostOf.matches("[0-9]{1,19}")) {
                throw new MalformedSourceResponseException("a reference without a valid id");
            }
            var post = post(tweet, users, repostOf);
            if (retweet && original != null) {
                var full = post(original, users, null);
                post =
                        new FetchedPost(
                                post.externalId(),
                                post.url(),
                                full.text(),
                                post.publishedAt(),
                                post.authorHandle(),
                                post.authorName(),
                                repostOf);
            }
            posts.add(post);
            if (original != null) {
                posts.add(post(original, users, null));
            }
        }
        var meta = root.get("meta");
        return new Page(posts, textOf(meta, "newest_id"), textOf(meta, "next_token"));
    }

    private static FetchedPost post(JsonNode tweet, Map<String, JsonNode> users, String repostOf) {
        var id = textOf(tweet, "id");
        if (id == null || !id.matches("[0-9]{1,19}")) {
            throw new MalformedSourceResponseException("a post without a valid id");
        }
        var note = textOf(tweet.path("note_tweet"), "text");
        var text = note != null ? note : textOf(tweet, "text");
        var author = users.get(tweet.path("author_id").asText());
        var username = author == null ? null : textOf(author, "username");
        return new FetchedPost(
                id,
                username == null
                        ? "https://x.com/i/web/status/" + id
                        : "https://x.com/" + username + "/status/" + id,
                text == null ? "" : text,
                instant(textOf(tweet, "created_at")),
                username,
                author == null ? null : textOf(author, "name"),
                repostOf);
    }

    private static String textOf(JsonNode node, String field) {
        var v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()
                ? null
                : v.asText();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
