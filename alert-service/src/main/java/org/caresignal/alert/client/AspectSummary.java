package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The aspects people spoke of in a range, from {@code GET /api/brands/{brandId}/aspects}: counts by
 * the aspect's own sentiment, most negative first.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AspectSummary(String brandId, Instant from, Instant to, List<AspectCount> aspects) {

    public AspectSummary {
        aspects = aspects == null ? List.of() : List.copyOf(aspects);
    }

    /** One aspect's mentions in the range, by label. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AspectCount(
            String aspect, long total, long negative, long neutral, long positive) {}
}
