package org.caresignal.ingest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a page of a Mastodon timeline (a JSON array of Status) into posts keyed by the status's
 * federation-wide {@code uri}, its text being the content warning and the content as plain text; a
 * boost stands for its original. Also orders Mastodon ids and reads the {@code Link} header.
 */
public final class MastodonTimeline {

    /** One status of the page: its local id (the paging cursor) and the post it carries. */
    public record Entry(String id, FetchedPost post) {}

    /** Mastodon ids are opaque strings; on vanilla servers longer means newer, then lexical. */
    public static final Comparator<String> ID_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private static final Pattern LINK_PART =
            Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([a-zA-Z]+)\"?");
    private static final Pattern MIN_ID = Pattern.compile("[?&]min_id=([^&]+)");

    private MastodonTimeline() {}

    /** The statuses of a page, in the order served. */
    public static List<Entry> parse(String body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedSourceResponseException("the timeline is not valid JSON", e);
        }
        if (root == null || !root.isArray()) {
            throw new MalformedSourceResponseException("the timeline is not a JSON array");
        }
        var out = new ArrayList<Entry>();
        for (var status : root) {
            var id = textOf(status, "id");
            if (id == null) {
                throw new MalformedSourceResponseException("a status without id");
            }
            var original = status.path("reblog").isObject() ? status.get("reblog") : status;
            var uri = textOf(original, "uri");
            if (uri == null) {
                throw new MalformedSourceResponseException("a status without uri");
            }
            var spoiler = textOf(original, "spoiler_text");
            var content = HtmlText.toPlain(textOf(original, "content"));
            var text =
                    spoiler == null
                            ? content
                            : content == null || content.isEmpty()
                                    ? spoiler
                                    : spoiler + "\n\n" + content;
            var url = textOf(original, "url");
            var account = original.path("account");
            out.add(
                    new Entry(
                            id,
                            new FetchedPost(
                                    uri,
                                    url != null ? url : uri,
                                    text == null ? "" : text,
                                    instant(textOf(original, "created_at")),
                                    textOf(account, "acct"),
                                    textOf(account, "display_name"))));
        }
        return out;
    }

    /** The newest id of the page, if any. */
    public static Optional<String> newestId(List<Entry> page) {
        return page.stream().map(Entry::id).max(ID_ORDER);
    }

    /** The {@code min_id} of the {@code rel="prev"} link (the page after this one), if present. */
    public static Optional<String> prevMinId(String linkHeader) {
        if (linkHeader == null) {
            return Optional.empty();
        }
        var m = LINK_PART.matcher(linkHeader);
        while (m.find()) {
            if ("prev".equals(m.group(2))) {
                var id = MIN_ID.matcher(m.group(1));
                if (id.find()) {
                    return Optional.of(id.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static String textOf(JsonNode node, String field) {
        var v = node.get(field);
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
