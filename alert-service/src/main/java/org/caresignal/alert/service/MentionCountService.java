package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.privacy.Excerpts;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.CountedMentionRepository;

/**
 * Counts a scored mention into its brand's (and facility's) time bucket, exactly once per mention
 * id, and checks it against the critical-post rules the first time.
 */
@Startup // a bucket size that cannot work fails the start, not the first mention
@ApplicationScoped
public class MentionCountService {

    private final CountedMentionRepository countedMentions;
    private final BrandBucketCountRepository bucketCounts;
    private final MentionMetrics metrics;
    private final TimeBuckets buckets;
    private final DetectionService detection;

    public MentionCountService(
            CountedMentionRepository countedMentions,
            BrandBucketCountRepository bucketCounts,
            MentionMetrics metrics,
            AlertConfig config,
            DetectionService detection) {
        this.detection = detection;
        this.countedMentions = countedMentions;
        this.bucketCounts = bucketCounts;
        this.metrics = metrics;
        this.buckets = new TimeBuckets(config.bucketSize());
    }

    public CountOutcome count(LabelledMention mention) {
        return count(mention, null);
    }

    /**
     * Counts the mention and, the first time only and in the same transaction, raises a critical
     * incident when {@code text} matches a critical-post rule.
     */
    public CountOutcome count(LabelledMention mention, String text) {
        return count(mention, text, Set.of());
    }

    /**
     * Counts the mention with the aspects it is negative about (stored the first time only, for the
     * explanations of the alerts its window raises), and checks its text.
     */
    public CountOutcome count(LabelledMention mention, String text, Set<String> negativeAspects) {
        var bucketStart = buckets.startOf(mention.publishedAt());
        // An explicit transaction rather than @Transactional, so the metrics below only ever
        // reflect committed counts.
        // Only negative mentions become samples, so only theirs is kept (TEXT class).
        var excerpt = mention.label() == SentimentLabel.NEGATIVE ? Excerpts.of(text) : null;
        var outcome =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    if (countedMentions.erased(mention.mentionId())) {
                                        return CountOutcome.ERASED;
                                    }
                                    if (!countedMentions.recordIfAbsent(
                                            mention, bucketStart, excerpt)) {
                                        return CountOutcome.DUPLICATE;
                                    }
                                    countedMentions.recordAspects(
                                            mention.mentionId(), negativeAspects);
                                    bucketCounts.increment(
                                            mention.brandId(), bucketStart, mention.label());
                                    if (mention.facilityId() != null) {
                                        bucketCounts.incrementFacility(
                                                mention.brandId(),
                                                mention.facilityId(),
                                                bucketStart,
                                                mention.label());
                                    }
                                    if (text != null) {
                                        detection.checkCriticalPost(
                                                mention.brandId(),
                                                mention.facilityId(),
                                                mention.mentionId().toString(),
                                                mention.url(),
                                                excerpt,
                                                mention.publishedAt(),
                                                text);
                                    }
                                    return CountOutcome.COUNTED;
                                });
        if (outcome == CountOutcome.ERASED) {
            metrics.erasedSkipped();
            Log.infof(
                    "Mention %s was erased on request; skipped, not counted", mention.mentionId());
            return outcome;
        }
        if (outcome == CountOutcome.DUPLICATE) {
            metrics.duplicate();
            Log.debugf("Mention %s was counted before; skipped", mention.mentionId());
            return CountOutcome.DUPLICATE;
        }
        metrics.counted(mention.label());
        Log.debugf(
                "Counted mention %s of %s as %s in bucket %s",
                mention.mentionId(), mention.brandId(), mention.label(), bucketStart);
        return CountOutcome.COUNTED;
    }
}
