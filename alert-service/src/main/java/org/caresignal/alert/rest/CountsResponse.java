package org.caresignal.alert.rest;

import java.util.List;
import org.caresignal.alert.domain.BrandBucketCount;

/** Mention counts by label, summed over a window. */
public record CountsResponse(long total, long negative, long neutral, long positive) {

    static CountsResponse sumOf(List<BrandBucketCount> buckets) {
        long total = 0;
        long negative = 0;
        long neutral = 0;
        long positive = 0;
        for (var b : buckets) {
            total += b.total;
            negative += b.negative;
            neutral += b.neutral;
            positive += b.positive;
        }
        return new CountsResponse(total, negative, neutral, positive);
    }
}
