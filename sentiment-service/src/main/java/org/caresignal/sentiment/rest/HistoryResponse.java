package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.caresignal.sentiment.domain.SentimentHistory;

/** A brand's sentiment per time bucket, bucket bounds in the caller's time zone. */
public record HistoryResponse(
        String brandId,
        Instant from,
        Instant to,
        String bucket,
        String tz,
        List<BucketResponse> buckets) {

    /** One bucket: [start, end) with its offset, volume, counts by label and mean score. */
    public record BucketResponse(
            OffsetDateTime start,
            OffsetDateTime end,
            long volume,
            long negative,
            long neutral,
            long positive,
            Double meanScore) {

        static BucketResponse from(SentimentHistory.Bucket b, ZoneId zone) {
            return new BucketResponse(
                    b.start().atZone(zone).toOffsetDateTime(),
                    b.end().atZone(zone).toOffsetDateTime(),
                    b.volume(),
                    b.negative(),
                    b.neutral(),
                    b.positive(),
                    b.meanScore() == null ? null : Math.round(b.meanScore() * 10_000) / 10_000.0);
        }
    }
}
