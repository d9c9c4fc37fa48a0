package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.repository.BrandBucketCountRepository;

/** Reads a brand's non-empty buckets that overlap a stats window. */
@ApplicationScoped
public class BrandStatsService {

    private final BrandBucketCountRepository bucketCounts;
    private final TimeBuckets buckets;

    public BrandStatsService(BrandBucketCountRepository bucketCounts, AlertConfig config) {
        this.bucketCounts = bucketCounts;
        this.buckets = new TimeBuckets(config.bucketSize());
    }

    public long bucketMinutes() {
        return buckets.minutes();
    }

    /**
     * Buckets overlapping {@code [from, to)}, oldest first: counts are kept per bucket, so a window
     * edge inside a bucket takes the whole bucket.
     */
    public List<BrandBucketCount> buckets(String brandId, StatsWindow window) {
        return bucketCounts.findStartingBetween(
                brandId, buckets.startOf(window.from()), window.to());
    }
}
