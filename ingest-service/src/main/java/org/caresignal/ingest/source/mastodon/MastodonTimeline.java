package org.caresignal.ingest.source.mastodon;

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
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.HtmlText;
import org.caresignal.ingest.domain.MalformedSourceResponseException;

/**
 * Reads a page of a Mastodon timeline (a JSON array of Status) into posts keyed by the status's
 * federation-wide {@code uri}, its text being the content warning and the content as plain text; a
 * boost ({@code reblog}) is a post of its own that names its original, and carries the original as
 * well. Also orders Mastodon ids and reads the {@code Link} header.
 */
public final class MastodonTimeline {

    /**
     * One status of the page: its local id (the paging cursor), the post it carries and, for a
     * boost, the boosted original (else null).
     */
    public record Entry(String id, FetchedPost post, FetchedPost original) {

        public Entry(String id, FetchedPost post) {
            this(id, post, null);
        }

        /** The original first (when boosted), then the post itself. */
        public List<FetchedPost> posts() {
            return original == null ? List.of(post) : List.of(original, post);
        }
    }

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
            if (status.path("reblog").isObject()) {
                var original = post(status.get("reblog"), null);
                // The wrapper's content is empty: the boost says what the original says, and is
                // matched and scored as such; its author and time are the booster's.
                var account = status.path("account");
                var uri = textOf(status, "uri");
                if (uri == null) {
                    throw new MalformedSourceResponseException("a status without uri");
                }
                var url = textOf(status, "url");
                var boost =
                        new FetchedPost(
                                uri,
                                url != null ? url : original.url(),
                                original.text(),
                                instant(textOf(status, "created_at")),
                                textOf(account, "acct"),
                                textOf(account, "display_name"),
                                original.externalId());
                out.add(new Entry(id, boost, original));
            } else {
                out.add(new Entry(id, post(status, null)));
            }
        }
        return out;
    }

    private static FetchedPost post(JsonNode status, String repostOf) {
        var uri = textOf(status, "uri");
        if (uri == null) {
            throw new MalformedSourceResponseException("a status without uri");
        }
        var spoiler = textOf(status, "spoiler_text");
        var content = HtmlText.toPlain(textOf(status, "content"));
        var text =
                spoiler == null
                        ? content
                        : content == null || content.isEmpty()
                                ? spoiler
                                : spoiler + "\n\n" + content;
        var url = textOf(status, "url");
        var account = status.path("account");
        return new FetchedPost(
                uri,
                url != null ? url : uri,
                text == null ? "" : text,
                instant(textOf(status, "created_at")),
                textOf(account, "acct"),
                textOf(account, "display_name"),
                repostOf);
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
