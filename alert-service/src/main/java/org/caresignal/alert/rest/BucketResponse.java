package org.caresignal.alert.rest;

import java.time.Instant;
import org.caresignal.alert.domain.BrandBucketCount;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Mention counts of one non-empty time bucket. */
public record BucketResponse(
        @Schema(
                        description = "Start of the bucket (inclusive), UTC",
                        example = "2026-11-24T14:00:00Z")
                Instant start,
        long total,
        long negative,
        long neutral,
        long positive) {

    static BucketResponse from(BrandBucketCount bucket) {
        return new BucketResponse(
                bucket.bucketStart, bucket.total, bucket.negative, bucket.neutral, bucket.positive);
    }
}
