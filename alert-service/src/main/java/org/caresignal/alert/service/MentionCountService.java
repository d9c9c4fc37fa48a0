package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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
 * id, and checks it against the critical-post rules the first time; a later revision of its scoring
 * (a correction, a rescore) moves it between labels, exactly once per revision.
 */
@Startup // a bucket size that cannot work fails the start, not the first mention
@ApplicationScoped
public class MentionCountService {

    private final CountedMentionRepository countedMentions;
    private final BrandBucketCountRepository bucketCounts;
    private final MentionMetrics metrics;
    private final TimeBuckets buckets;
    private final DetectionService detection;
    private final Duration mentionsRetention;

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
        this.mentionsRetention = config.retention().mentions();
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
     * Counts the mention with the aspects it is negative about (for the explanations of the alerts
     * its window raises), and checks its text; or, for a later revision of a counted mention, moves
     * it to its new label.
     *
     * <p>A mention is counted once, at the first revision that arrives (critical-post rules are
     * checked then only). An event with a higher revision than the one counted moves the mention
     * from its counted label to the new one in the same brand and facility buckets, replaces its
     * negative aspects and keeps its excerpt only while it is negative, all in one transaction
     * under a row lock on its {@code counted_mention} row, so two deliveries of one revision move
     * it once. The same or a lower revision is a duplicate (a redelivery, or an older revision
     * arriving late).
     */
    public CountOutcome count(LabelledMention mention, String text, Set<String> negativeAspects) {
        var bucketStart = buckets.startOf(mention.publishedAt());
        // Only negative mentions become samples, so only theirs is kept (TEXT class).
        var excerpt = mention.label() == SentimentLabel.NEGATIVE ? Excerpts.of(text) : null;
        var moved = new SentimentLabel[1];
        // An explicit transaction rather than @Transactional, so the metrics below only ever
        // reflect committed counts.
        var outcome =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    if (countedMentions.erased(mention.mentionId())) {
                                        return CountOutcome.ERASED;
                                    }
                                    if (mention.revision() > 0 && beyondMentionRetention(mention)) {
                                        // Its counted_mention row may have been purged while
                                        // its buckets stay: counting it again would count it
                                        // twice.
                                        return CountOutcome.EXPIRED;
                                    }
                                    if (!countedMentions.recordIfAbsent(
                                            mention, bucketStart, excerpt)) {
                                        var counted =
                                                countedMentions.lockCounted(mention.mentionId());
                                        if (counted.isEmpty()
                                                || mention.revision() <= counted.get().revision()) {
                                            return CountOutcome.DUPLICATE;
                                        }
                                        moved[0] = counted.get().label();
                                        recount(counted.get(), mention, excerpt, negativeAspects);
                                        return CountOutcome.RECOUNTED;
                                    }
                                    countedMentions.recordAspects(
                                            mention.mentionId(), negativeAspects);
                                    bucketCounts.increment(
                                            mention.brandId(),
                                            bucketStart,
                                            mention.label(),
                                            mention.certainty());
                                    if (mention.facilityId() != null) {
                                        bucketCounts.incrementFacility(
                                                mention.brandId(),
                                                mention.facilityId(),
                                                bucketStart,
                                                mention.label(),
                                                mention.certainty());
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
        switch (outcome) {
            case ERASED -> {
                metrics.erasedSkipped();
                Log.infof(
                        "Mention %s was erased on request; skipped, not counted",
                        mention.mentionId());
            }
            case DUPLICATE -> {
                metrics.duplicate();
                Log.debugf(
                        "Mention %s was counted before at revision %d or later; skipped",
                        mention.mentionId(), mention.revision());
            }
            case EXPIRED -> {
                metrics.duplicate();
                Log.infof(
                        "Mention %s revision %d is older than the mentions retention; not counted",
                        mention.mentionId(), mention.revision());
            }
            case RECOUNTED -> {
                metrics.recounted(moved[0], mention.label());
                Log.infof(
                        "Recounted mention %s of %s at revision %d: %s -> %s",
                        mention.mentionId(),
                        mention.brandId(),
                        mention.revision(),
                        moved[0],
                        mention.label());
            }
            case COUNTED -> {
                metrics.counted(mention.label());
                Log.debugf(
                        "Counted mention %s of %s as %s in bucket %s",
                        mention.mentionId(), mention.brandId(), mention.label(), bucketStart);
            }
        }
        return outcome;
    }

    /**
     * Moves a counted, locked mention to its new revision's label and certainty in the buckets it
     * was counted in (its stored brand, facility and bucket: where the earlier label was added).
     */
    private void recount(
            CountedMentionRepository.Counted counted,
            LabelledMention mention,
            String excerpt,
            Set<String> negativeAspects) {
        if (counted.label() != mention.label() || counted.certainty() != mention.certainty()) {
            if (!bucketCounts.move(
                    counted.brandId(),
                    counted.bucketStart(),
                    counted.label(),
                    counted.certainty(),
                    mention.label(),
                    mention.certainty())) {
                // Only when the AGGREGATES retention already deleted the bucket (or counts were
                // edited by hand): nothing left to move, and a lone increment would invent one.
                Log.warnf(
                        "Mention %s: brand bucket %s holds no %s %s mention to move; left as it is",
                        mention.mentionId(),
                        counted.bucketStart(),
                        counted.certainty(),
                        counted.label());
            }
            if (counted.facilityId() != null
                    && !bucketCounts.moveFacility(
                            counted.brandId(),
                            counted.facilityId(),
                            counted.bucketStart(),
                            counted.label(),
                            counted.certainty(),
                            mention.label(),
                            mention.certainty())) {
                Log.warnf(
                        "Mention %s: facility bucket %s holds no %s %s mention to move; left as it"
                                + " is",
                        mention.mentionId(),
                        counted.bucketStart(),
                        counted.certainty(),
                        counted.label());
            }
        }
        countedMentions.recordRevision(
                mention.mentionId(),
                mention.label(),
                mention.certainty(),
                mention.revision(),
                excerpt);
        countedMentions.replaceAspects(mention.mentionId(), negativeAspects);
    }

    private boolean beyondMentionRetention(LabelledMention mention) {
        return mention.publishedAt().isBefore(Instant.now().minus(mentionsRetention));
    }
}
