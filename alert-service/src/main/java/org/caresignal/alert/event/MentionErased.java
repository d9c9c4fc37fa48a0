package org.caresignal.alert.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Our copy of the {@code MentionErased} v1 event read from {@code mentions.erased.v1} (key: erasure
 * id): the mentions a person asked to have erased. Ids only, never a URL, handle or text; unknown
 * fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionErased(
        UUID eventId,
        String eventType,
        Integer schemaVersion,
        Instant occurredAt,
        UUID erasureId,
        String reason,
        List<Mention> mentions) {

    public static final String TYPE = "MentionErased";

    /** The contract's limit on mentions per erasure. */
    public static final int MAX_MENTIONS = 10_000;

    /** One erased mention. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mention(UUID mentionId, String brandId) {}

    /**
     * The event, checked.
     *
     * @throws InvalidEventException when the erasure id or the mention list is missing, a mention
     *     has no id, there are more than {@value #MAX_MENTIONS}, or it is another event type
     */
    public MentionErased validated() {
        if (eventType != null && !TYPE.equals(eventType)) {
            throw new InvalidEventException(
                    InvalidEventException.UNKNOWN_EVENT_TYPE, "eventType is not " + TYPE);
        }
        if (erasureId == null) {
            throw new InvalidEventException(
                    InvalidEventException.MISSING_FIELD, "erasureId is required");
        }
        if (mentions == null) {
            throw new InvalidEventException(
                    InvalidEventException.MISSING_FIELD, "mentions is required");
        }
        if (mentions.size() > MAX_MENTIONS) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD,
                    "mentions holds more than " + MAX_MENTIONS + " entries");
        }
        for (var m : mentions) {
            if (m == null || m.mentionId() == null) {
                throw new InvalidEventException(
                        InvalidEventException.MISSING_FIELD, "mentions[].mentionId is required");
            }
        }
        return this;
    }

    /** The erased mention ids, once each, in the event's order. */
    public Set<UUID> mentionIds() {
        var ids = new LinkedHashSet<UUID>();
        mentions.forEach(m -> ids.add(m.mentionId()));
        return ids;
    }
}
