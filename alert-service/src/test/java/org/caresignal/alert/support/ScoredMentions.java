package org.caresignal.alert.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;

/** Object mother for MentionScored records, built from the golden example in docs/events. */
public final class ScoredMentions {

    public static final String TOPIC = "mentions.scored.v1";
    public static final String DLQ = "mentions.scored.v1.dlq";

    /** Surefire and failsafe run in the module directory, next to ../docs. */
    public static final Path GOLDEN = Path.of("../docs/events/MentionScored.v1.json");

    /** The golden event's publishedAt (2026-11-24T14:03:00Z) floored to its 5-minute bucket. */
    public static final Instant GOLDEN_BUCKET = Instant.parse("2026-11-24T14:00:00Z");

    public static final String GOLDEN_DAY_QUERY =
            "?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScoredMentions() {}

    /** A brand id no other test uses, since broker and database are shared by the whole run. */
    public static String uniqueBrand() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The golden file, unchanged. */
    public static ObjectNode golden() {
        try {
            return (ObjectNode) MAPPER.readTree(GOLDEN.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden event for {@code brand}, with fresh event and mention ids. */
    public static ObjectNode goldenFor(String brand) {
        var event = golden();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("mentionId", UUID.randomUUID().toString());
        event.put("brandId", brand);
        return event;
    }

    public static String json(ObjectNode event) {
        return event.toString();
    }

    /** The golden event for {@code brand} with {@code field} removed. */
    public static String without(String brand, String field) {
        var event = goldenFor(brand);
        event.remove(field);
        return json(event);
    }

    /** The golden event for {@code brand} with {@code label}. */
    public static String withLabel(String brand, String label) {
        return json(goldenFor(brand).put("label", label));
    }

    /**
     * A scored mention of {@code brand} (brand-wide, no facility) with {@code label} and {@code
     * text}, published at {@code publishedAt}.
     */
    public static String at(String brand, String label, Instant publishedAt, String text) {
        var event = goldenFor(brand);
        event.putNull("facilityId");
        event.put("label", label);
        event.put("publishedAt", publishedAt.toString());
        event.put("text", text);
        event.put("url", "https://social.example/@someone/" + event.get("mentionId").asText());
        return json(event);
    }

    /** Like {@link #at} but at {@code facility} of the brand. */
    public static String atFacility(
            String brand, String facility, String label, Instant publishedAt, String text) {
        var event = (ObjectNode) readTree(at(brand, label, publishedAt, text));
        event.put("facilityId", facility);
        return json(event);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code event} (a JSON string from this class) with the scorer's {@code uncertain} flag and
     * the post's {@code language}.
     */
    public static String uncertain(String event, boolean uncertain, String language) {
        var node = (ObjectNode) readTree(event);
        node.put("uncertain", uncertain);
        node.put("language", language);
        return json(node);
    }

    /** {@code event} as a later {@code revision} (a new event id), {@code corrected} or not. */
    public static String revised(String event, int revision, boolean corrected) {
        var node = (ObjectNode) readTree(event);
        node.put("eventId", UUID.randomUUID().toString());
        node.put("revision", revision);
        node.put("corrected", corrected);
        return json(node);
    }

    /** A mention of {@code brand} ready for the counting service. */
    public static LabelledMention mention(String brand, SentimentLabel label, String publishedAt) {
        return new LabelledMention(UUID.randomUUID(), brand, label, Instant.parse(publishedAt));
    }
}
