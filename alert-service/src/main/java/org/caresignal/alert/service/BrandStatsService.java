package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.repository.BrandBucketCountRepository;

/**
 * Reads a brand's non-empty buckets that overlap a stats window, and the uncertain policy its
 * figures apply.
 */
@ApplicationScoped
public class BrandStatsService {

    private final BrandBucketCountRepository bucketCounts;
    private final TimeBuckets buckets;

    private final RuleService rules;

    public BrandStatsService(
            BrandBucketCountRepository bucketCounts, AlertConfig config, RuleService rules) {
        this.bucketCounts = bucketCounts;
        this.rules = rules;
        this.buckets = new TimeBuckets(config.bucketSize());
    }

    public long bucketMinutes() {
        return buckets.minutes();
    }

    /** What the brand's uncertain mentions do in its negative triggers and figures. */
    public UncertainPolicy uncertainPolicy(String brandId) {
        return rules.uncertainPolicyFor(brandId);
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
