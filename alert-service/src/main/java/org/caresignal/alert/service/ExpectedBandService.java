package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.SpikeDetector;
import org.caresignal.alert.repository.BrandBucketCountRepository;

/**
 * What the spike detector expects per bucket over a range, for the console's timeline: the brand's
 * (or facility's) own bucket counts replayed through a fresh detector under the brand's current
 * settings, starting {@link #WARM_UP} before the range so the seasonal baseline has learned, and
 * the baseline's expected total read before each bucket is observed (as the live detector does).
 */
@ApplicationScoped
public class ExpectedBandService {

    /** History replayed before the range: two weeks teach the hour-of-day and weekday shape. */
    public static final Duration WARM_UP = Duration.ofDays(14);

    /** Longest range a band is computed for; longer ones are shown without it. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);

    private final BrandBucketCountRepository counts;
    private final RuleService rules;
    private final TimeBuckets buckets;

    public ExpectedBandService(
            BrandBucketCountRepository counts, RuleService rules, AlertConfig config) {
        this.counts = counts;
        this.rules = rules;
        this.buckets = new TimeBuckets(config.bucketSize());
    }

    /**
     * The expected total of every detector bucket starting in {@code [from, to)}; empty when the
     * series has no counts at all, or the range is longer than {@link #MAX_RANGE}.
     */
    @Transactional
    public Map<Instant, Double> expected(
            String brandId, String facilityId, Instant from, Instant to) {
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0 || !to.isAfter(from)) {
            return Map.of();
        }
        var settings = rules.settingsFor(brandId);
        var first = buckets.startOf(from.minus(WARM_UP));
        var last = buckets.startOf(to.minusNanos(1));
        var stored =
                counts.seriesBuckets(
                        brandId, facilityId, first, last, rules.uncertainPolicyFor(brandId));
        if (stored.isEmpty()) {
            return Map.of();
        }
        return replay(settings, stored, first, last, from);
    }

    /** Replays {@code stored} (oldest first) from {@code first} to {@code last}. */
    static Map<Instant, Double> replay(
            DetectorSettings settings,
            List<Bucket> stored,
            Instant first,
            Instant last,
            Instant keepFrom) {
        var byStart = new HashMap<Instant, Bucket>();
        stored.forEach(b -> byStart.put(b.start(), b));
        var detector = new SpikeDetector(settings, ZoneOffset.UTC);
        var size = settings.bucketSize();
        var out = new HashMap<Instant, Double>();
        for (var t = first; !t.isAfter(last); t = t.plus(size)) {
            if (!t.isBefore(keepFrom)) {
                out.put(t, detector.expected(t)[0]);
            }
            detector.observe(byStart.getOrDefault(t, new Bucket(t, 0, 0)));
        }
        return out;
    }

    /** The band around an expected count: about two standard deviations of a Poisson count. */
    public static double[] band(double expected) {
        var spread = 2 * Math.sqrt(Math.max(expected, 0));
        return new double[] {Math.max(0, expected - spread), expected + spread};
    }
}
