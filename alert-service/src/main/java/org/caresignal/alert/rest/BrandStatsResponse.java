package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.List;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.UncertainPolicy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A brand's mention counts over a window: totals and the non-empty buckets, oldest first. */
public record BrandStatsResponse(
        @Schema(example = "riverside-health") String brandId,
        @Schema(description = "Start of the window (inclusive)", example = "2026-11-24T00:00:00Z")
                Instant from,
        @Schema(description = "End of the window (exclusive)", example = "2026-11-25T00:00:00Z")
                Instant to,
        @Schema(example = "5") long bucketMinutes,
        @Schema(
                        description =
                                "the brand's uncertain policy, which triggerTotal and"
                                        + " triggerNegative apply",
                        enumeration = {"NEGATIVE", "NEUTRAL", "EXCLUDE"})
                String uncertainPolicy,
        CountsResponse totals,
        List<BucketResponse> buckets) {

    static BrandStatsResponse from(
            String brandId,
            StatsWindow window,
            long bucketMinutes,
            List<BrandBucketCount> buckets,
            UncertainPolicy policy) {
        return new BrandStatsResponse(
                brandId,
                window.from(),
                window.to(),
                bucketMinutes,
                policy.name(),
                CountsResponse.sumOf(buckets, policy),
                buckets.stream().map(b -> BucketResponse.from(b, policy)).toList());
    }
}
