package org.caresignal.ingest.source.reddit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;

/**
 * Reads a Reddit search Listing ({@code raw_json=1}) into posts keyed by the fullname ({@code
 * t3_…}), their text being the title and the self text, and the {@code after} anchor of the next
 * (older) page; a crosspost names its parent ({@code crosspost_parent}) and carries it when Reddit
 * includes it ({@code crosspost_parent_list}).
 */
public final class RedditListing {

    /**
     * One post of the page: its base-36 id (ordered by age), the post it carries and, for a
     * crosspost whose parent Reddit included, the parent (else null).
     */
    public record Entry(String id, FetchedPost post, FetchedPost original) {

        /** The original first (when crossposted), then the post itself. */
        public List<FetchedPost> posts() {
            return original == null ? List.of(post) : List.of(original, post);
        }
    }

    /** The posts of a page in the order served (newest first with sort=new) and its after. */
    public record Page(List<Entry> entries, String after) {}

    /** Reddit ids are base-36 counters: longer means newer, then lexical (digits before a-z). */
    public static final Comparator<String> ID_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private RedditListing() {}

    public static Page parse(String body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedSourceResponseException("the listing is not valid JSON", e);
        }
        if (root == null
                || !"Listing".equals(root.path("kind").asText())
                || !root.path("data").path("children").isArray()) {
            throw new MalformedSourceResponseException("the answer is not a Reddit Listing");
        }
        var data = root.get("data");
        var out = new ArrayList<Entry>();
        for (var child : data.get("children")) {
            var post = child.path("data");
            var name = textOf(post, "name");
            var id = textOf(post, "id");
            if (name == null || id == null) {
                throw new MalformedSourceResponseException("a post without name or id");
            }
            var parentName = textOf(post, "crosspost_parent");
            FetchedPost parent = null;
            for (var p : post.path("crosspost_parent_list")) {
                if (parentName != null && parentName.equals(textOf(p, "name"))) {
                    parent = post(p, null);
                }
            }
            out.add(new Entry(id.toLowerCase(), post(post, parentName), parent));
        }
        return new Page(out, textOf(data, "after"));
    }

    private static FetchedPost post(JsonNode post, String repostOf) {
        var name = textOf(post, "name");
        if (name == null) {
            throw new MalformedSourceResponseException("a post without name or id");
        }
        var title = textOf(post, "title");
        var self = textOf(post, "selftext");
        var text =
                title == null
                        ? (self == null ? "" : self)
                        : self == null ? title : title + "\n\n" + self;
        var permalink = textOf(post, "permalink");
        var created = post.path("created_utc");
        return new FetchedPost(
                name,
                permalink != null ? "https://www.reddit.com" + permalink : textOf(post, "url"),
                text,
                created.isNumber()
                        ? Instant.ofEpochMilli(Math.round(created.asDouble() * 1000))
                        : null,
                textOf(post, "author"),
                null,
                repostOf);
    }

    private static String textOf(JsonNode node, String field) {
        var v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()
                ? null
                : v.asText();
    }
}
