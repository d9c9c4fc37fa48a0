package org.caresignal.sentiment.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code MentionErased} v1 event this service reads from {@code mentions.erased.v1}: the ids of
 * mentions whose text, links and aspects must be removed (golden example {@code
 * docs/events/MentionErased.v1.json}); constructing one without its required fields fails, so such
 * a record is dead-lettered.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionErased(
        UUID eventId,
        String eventType,
        Integer schemaVersion,
        Instant occurredAt,
        UUID erasureId,
        String reason,
        List<ErasedMention> mentions) {

    /** The most mentions one erasure names (ingest refuses larger ones). */
    public static final int MAX_MENTIONS = 10_000;

    /** One erased mention: its id and the brand it was matched to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErasedMention(UUID mentionId, String brandId) {
        public ErasedMention {
            if (mentionId == null) {
                throw new IllegalArgumentException("mentions[].mentionId is required");
            }
        }
    }

    public MentionErased {
        if (erasureId == null) {
            throw new IllegalArgumentException("erasureId is required");
        }
        if (mentions == null) {
            throw new IllegalArgumentException("mentions is required");
        }
        if (mentions.size() > MAX_MENTIONS) {
            throw new IllegalArgumentException(
                    "mentions holds " + mentions.size() + ", more than " + MAX_MENTIONS);
        }
        if (mentions.stream().anyMatch(m -> m == null)) {
            throw new IllegalArgumentException("mentions holds a null");
        }
        mentions = List.copyOf(mentions);
    }

    /** The distinct mention ids, in the event's order. */
    public List<UUID> mentionIds() {
        return mentions.stream().map(ErasedMention::mentionId).distinct().toList();
    }
}
