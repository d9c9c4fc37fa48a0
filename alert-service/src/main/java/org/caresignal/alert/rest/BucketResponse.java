package org.caresignal.alert.rest;

import java.time.Instant;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.UncertainPolicy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Mention counts of one non-empty time bucket (fields as in {@link CountsResponse}). */
public record BucketResponse(
        @Schema(
                        description = "Start of the bucket (inclusive), UTC",
                        example = "2026-11-24T14:00:00Z")
                Instant start,
        long total,
        long negative,
        long neutral,
        long positive,
        long uncertain,
        long unreadLanguage,
        long triggerTotal,
        long triggerNegative) {

    static BucketResponse from(BrandBucketCount bucket, UncertainPolicy policy) {
        var c = CountsResponse.of(bucket.counts(), policy);
        return new BucketResponse(
                bucket.bucketStart,
                c.total(),
                c.negative(),
                c.neutral(),
                c.positive(),
                c.uncertain(),
                c.unreadLanguage(),
                c.triggerTotal(),
                c.triggerNegative());
    }
}
