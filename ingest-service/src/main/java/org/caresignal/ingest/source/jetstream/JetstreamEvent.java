package org.caresignal.ingest.source.jetstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.MalformedSourceResponseException;

/**
 * One Jetstream v1 frame, read: its {@code time_us} (the resume cursor) and, for the {@code create}
 * of an {@code app.bsky.feed.post}, the post; every other event (update, delete, other collections,
 * identity, account) only moves the cursor.
 */
public record JetstreamEvent(long timeUs, FetchedPost post) {

    public static final String POST_COLLECTION = "app.bsky.feed.post";
    private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}");
    private static final Pattern RKEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");

    /** True when the frame is a new post (the only events we ingest). */
    public boolean isPost() {
        return post != null;
    }

    /** The instant of {@code time_us}. */
    public Instant time() {
        return Instant.EPOCH.plusNanos(Math.multiplyExact(timeUs, 1000L));
    }

    /**
     * Reads a frame.
     *
     * @throws MalformedSourceResponseException when it is not JSON, has no positive {@code
     *     time_us}, or is a post create without a usable did, rkey or record
     */
    public static JetstreamEvent parse(ObjectMapper mapper, String frame) {
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new MalformedSourceResponseException("frame is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedSourceResponseException("frame is not a JSON object");
        }
        var time = root.get("time_us");
        if (time == null || !time.canConvertToLong() || time.asLong() <= 0) {
            throw new MalformedSourceResponseException("frame without a positive time_us");
        }
        long timeUs = time.asLong();
        var commit = root.get("commit");
        if (!"commit".equals(root.path("kind").asText())
                || commit == null
                || !"create".equals(commit.path("operation").asText())
                || !POST_COLLECTION.equals(commit.path("collection").asText())) {
            return new JetstreamEvent(timeUs, null);
        }
        var did = root.path("did").asText("");
        var rkey = commit.path("rkey").asText("");
        var record = commit.get("record");
        if (!DID.matcher(did).matches()
                || !RKEY.matcher(rkey).matches()
                || record == null
                || !record.isObject()) {
            throw new MalformedSourceResponseException("post create without did, rkey or record");
        }
        var text = record.path("text").isTextual() ? record.get("text").asText() : "";
        var embed = record.path("embed").path("external");
        if (embed.isObject()) {
            // A link card's title and description are what many news shares say about a brand.
            text = join(text, embed.path("title").asText(""), embed.path("description").asText(""));
        }
        Instant createdAt;
        try {
            createdAt =
                    record.path("createdAt").isTextual()
                            ? Instant.parse(record.get("createdAt").asText())
                            : null;
        } catch (DateTimeParseException e) {
            createdAt = null;
        }
        var post =
                new FetchedPost(
                        "at://" + did + "/" + POST_COLLECTION + "/" + rkey,
                        "https://bsky.app/profile/" + did + "/post/" + rkey,
                        text,
                        createdAt != null ? createdAt : Instant.EPOCH.plusNanos(timeUs * 1000L),
                        did,
                        null);
        return new JetstreamEvent(timeUs, post);
    }

    private static String join(String... parts) {
        var sb = new StringBuilder();
        for (var part : parts) {
            if (part != null && !part.isBlank()) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(part.strip());
            }
        }
        return sb.toString();
    }
}
