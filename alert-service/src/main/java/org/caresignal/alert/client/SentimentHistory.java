package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A brand's volume and sentiment per time bucket from sentiment-service's {@code GET
 * /api/brands/{brandId}/sentiment}; bucket bounds carry the offset of the zone asked for.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SentimentHistory(
        String brandId, Instant from, Instant to, String bucket, String tz, List<Bucket> buckets) {

    public SentimentHistory {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /**
     * One bucket [start, end) with its volume, counts by label and mean score (null when empty).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bucket(
            OffsetDateTime start,
            OffsetDateTime end,
            long volume,
            long negative,
            long neutral,
            long positive,
            Double meanScore) {}

    public long volume() {
        return buckets.stream().mapToLong(Bucket::volume).sum();
    }

    public long negative() {
        return buckets.stream().mapToLong(Bucket::negative).sum();
    }

    public long neutral() {
        return buckets.stream().mapToLong(Bucket::neutral).sum();
    }

    public long positive() {
        return buckets.stream().mapToLong(Bucket::positive).sum();
    }
}
