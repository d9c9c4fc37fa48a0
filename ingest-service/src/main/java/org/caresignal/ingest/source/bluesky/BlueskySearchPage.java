package org.caresignal.ingest.source.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;

/**
 * Reads a page of {@code app.bsky.feed.searchPosts}: PostViews keyed by their at-uri, the text
 * being {@code record.text}, the link the bsky.app convention, and the page's {@code cursor}.
 */
public final class BlueskySearchPage {

    /** One post and when the AppView indexed it (the walk's clock). */
    public record Entry(FetchedPost post, Instant indexedAt) {}

    public record Page(List<Entry> entries, String cursor) {}

    private BlueskySearchPage() {}

    public static Page parse(String body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedSourceResponseException("the search answer is not valid JSON", e);
        }
        if (root == null || !root.isObject() || !root.path("posts").isArray()) {
            throw new MalformedSourceResponseException("the answer has no posts array");
        }
        var out = new ArrayList<Entry>();
        for (var view : root.get("posts")) {
            var uri = textOf(view, "uri");
            if (uri == null || !uri.startsWith("at://")) {
                throw new MalformedSourceResponseException("a post without an at:// uri");
            }
            var record = view.path("record");
            var author = view.path("author");
            var handle = textOf(author, "handle");
            var rkey = uri.substring(uri.lastIndexOf('/') + 1);
            var profile = handle != null ? handle : textOf(author, "did");
            var text = textOf(record, "text");
            out.add(
                    new Entry(
                            new FetchedPost(
                                    uri,
                                    profile == null
                                            ? null
                                            : "https://bsky.app/profile/"
                                                    + profile
                                                    + "/post/"
                                                    + rkey,
                                    text == null ? "" : text,
                                    instant(textOf(record, "createdAt")),
                                    handle,
                                    textOf(author, "displayName")),
                            instant(textOf(view, "indexedAt"))));
        }
        return new Page(out, textOf(root, "cursor"));
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
