package org.caresignal.sentiment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.StockSentimentScorer;

/**
 * Object mother for mentions: the golden events of {@code docs/events}, given fresh ids so that
 * tests sharing the broker and database do not see each other's records.
 */
public final class Mentions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "docs", "events");

    private Mentions() {}

    /** The golden example of an event, as published in {@code docs/events/<name>.v1.json}. */
    public static ObjectNode golden(String eventType) {
        try {
            return (ObjectNode) JSON.readTree(EVENTS.resolve(eventType + ".v1.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden MentionIngested with a fresh event id and the given mention id. */
    public static ObjectNode ingested(UUID mentionId) {
        var event = golden("MentionIngested");
        event.put("eventId", UUID.randomUUID().toString());
        event.put("mentionId", mentionId.toString());
        return event;
    }

    /** The golden MentionIngested minus one required field. */
    public static ObjectNode ingestedWithout(UUID mentionId, String field) {
        var event = ingested(mentionId);
        event.remove(field);
        return event;
    }

    /** A record value that is not JSON at all; it carries the id so that a test can find it. */
    public static String malformed(UUID marker) {
        return "{\"mentionId\": \"" + marker + "\", \"text\": unterminated";
    }

    /** The golden MentionErased with a fresh event and erasure id, naming the given mentions. */
    public static ObjectNode erased(UUID erasureId, UUID... mentionIds) {
        var event = golden("MentionErased");
        event.put("eventId", UUID.randomUUID().toString());
        event.put("erasureId", erasureId.toString());
        var template = (ObjectNode) event.withArray("mentions").get(0);
        var mentions = event.putArray("mentions");
        for (var id : mentionIds) {
            mentions.add(template.deepCopy().put("mentionId", id.toString()));
        }
        return event;
    }

    public static String brandId() {
        return golden("MentionIngested").get("brandId").asText();
    }

    /** A stored row as the service would write it, for tests that need one without Kafka. */
    public static ScoredMention scored(UUID mentionId) {
        var golden = golden("MentionIngested");
        var row = new ScoredMention();
        row.mentionId = mentionId;
        row.brandId = text(golden, "brandId");
        row.facilityId = text(golden, "facilityId");
        row.source = text(golden, "source");
        row.externalId = text(golden, "externalId");
        row.url = text(golden, "url");
        row.text = text(golden, "text");
        row.publishedAt = Instant.parse(text(golden, "publishedAt"));
        row.language = text(golden, "language");
        row.assign(
                new Sentiment(
                        SentimentLabel.NEGATIVE, -0.5, false, StockSentimentScorer.MODEL_VERSION),
                Instant.parse("2026-11-24T14:05:13.020Z"));
        return row;
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asText();
    }

    /**
     * A stored row of a brand, published at the given instant, with a label, a score and aspects
     * given as {@code aspect:LABEL}.
     */
    public static ScoredMention scored(
            String brandId,
            Instant publishedAt,
            SentimentLabel label,
            double score,
            String source,
            String text,
            String... aspects) {
        var row = scored(UUID.randomUUID());
        row.brandId = brandId;
        row.publishedAt = publishedAt;
        row.source = source;
        row.text = text;
        var list = new java.util.ArrayList<org.caresignal.sentiment.domain.AspectSentiment>();
        for (var aspect : aspects) {
            var parts = aspect.split(":");
            var aspectLabel = SentimentLabel.valueOf(parts[1]);
            list.add(
                    new org.caresignal.sentiment.domain.AspectSentiment(
                            parts[0],
                            aspectLabel,
                            aspectLabel == SentimentLabel.NEGATIVE ? -0.5 : 0.5));
        }
        row.assign(
                new org.caresignal.sentiment.domain.ScoredText(
                        new Sentiment(label, score, false, StockSentimentScorer.MODEL_VERSION),
                        list),
                Instant.parse("2026-11-24T14:05:13.020Z"));
        return row;
    }

    /** A brand id no other test uses. */
    public static String freshBrand() {
        return "brand-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
