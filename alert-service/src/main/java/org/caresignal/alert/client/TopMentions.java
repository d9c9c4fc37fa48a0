package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * The most amplified mentions of a range, from {@code GET /api/brands/{brandId}/top-mentions}: ids,
 * labels and repost counts, never text or links (those come from {@link Mention} for roles allowed
 * to read them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopMentions(List<Item> items) {

    public TopMentions {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One mention, most reposted first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            UUID mentionId,
            String facilityId,
            String source,
            Instant publishedAt,
            SentimentLabel label,
            double score,
            long reposts) {}
}
