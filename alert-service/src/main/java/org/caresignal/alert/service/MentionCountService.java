package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.TransientFailures;
import org.caresignal.alert.domain.privacy.Excerpts;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.CountedMentionRepository;
import org.caresignal.alert.service.GroupCommit.Outcome;

/**
 * Counts a scored mention into its brand's (and facility's) time bucket, exactly once per mention
 * id, and checks it against the critical-post rules the first time; a later revision of its scoring
 * (a correction, a rescore) moves it between labels, exactly once per revision. Mentions counted on
 * many threads at once share transactions (one per batch, {@link GroupCommit}).
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
    private final GroupCommit<Item, Counted> batches;

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
        this.batches =
                new GroupCommit<>(
                        "mention-counting",
                        config.countBatchSize(),
                        config.countLinger(),
                        this::write);
    }

    void onStop(@Observes ShutdownEvent event) {
        batches.close();
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
        var counted = batches.submit(new Item(mention, text, negativeAspects));
        report(mention, counted);
        return counted.outcome();
    }

    /**
     * As {@link #count(LabelledMention, String, Set)}, in a transaction of its own rather than in a
     * batch: what each mention of a failed batch falls back to, and what two instances do when they
     * count one mention at once (the row lock on its {@code counted_mention} row orders them).
     */
    public CountOutcome countAlone(
            LabelledMention mention, String text, Set<String> negativeAspects) {
        var counted =
                QuarkusTransaction.requiringNew()
                        .call(() -> countIn(new Item(mention, text, negativeAspects)));
        report(mention, counted);
        return counted.outcome();
    }

    /** A mention to count, as {@link #count(LabelledMention, String, Set)} takes it. */
    record Item(LabelledMention mention, String text, Set<String> negativeAspects) {}

    /** What counting a mention did; {@code moved} is the label it left when recounted. */
    record Counted(CountOutcome outcome, SentimentLabel moved) {}

    /**
     * Counts a batch in one transaction, each mention as it would be alone; if the transaction
     * fails for another reason than an outage, counts each in its own, so only the mention at fault
     * fails.
     */
    private List<Outcome<Counted>> write(List<Item> items) {
        try {
            return countBatch(items);
        } catch (RuntimeException failure) {
            if (items.size() == 1 || TransientFailures.isDatabaseOutage(failure)) {
                // An outage fails every mention of the batch: each waits and is tried again.
                throw failure;
            }
            Log.warnf(
                    "A batch of %d mentions failed (%s); counting them one by one",
                    items.size(), failure.getClass().getName());
            var outcomes = new ArrayList<Outcome<Counted>>(items.size());
            for (var item : items) {
                try {
                    outcomes.add(
                            Outcome.of(
                                    QuarkusTransaction.requiringNew().call(() -> countIn(item))));
                } catch (RuntimeException e) {
                    outcomes.add(Outcome.failed(e));
                }
            }
            return outcomes;
        }
    }

    /** Counts a batch in one transaction of its own (no fallback: a failure fails them all). */
    List<Outcome<Counted>> countBatch(List<Item> items) {
        // Mentions taken in one order (brand, event time) by every batch. Stable, so one
        // mention's revisions keep their order.
        var sorted = new ArrayList<Integer>(items.size());
        for (int i = 0; i < items.size(); i++) {
            sorted.add(i);
        }
        sorted.sort(
                Comparator.comparing((Integer i) -> items.get(i).mention().brandId())
                        .thenComparing(i -> items.get(i).mention().publishedAt()));
        return QuarkusTransaction.requiringNew().call(() -> countAll(items, sorted));
    }

    /**
     * Counts a batch in the caller's transaction, each mention as {@link #countIn} would have
     * counted it in the order of {@code sorted}, with a fixed number of statements for the mentions
     * counted the first time: one erasure check, one insert into {@code counted_mention}, one of
     * their aspects, and one upsert of brand buckets and one of facility buckets, each bucket once
     * with all the batch's mentions in it.
     */
    // Why: a statement per mention and per bucket was most of the database's work per mention.
    // Rare cases (a later revision, a mention twice in the batch) still take the one-mention path
    // after the bulk statements, so they see the batch's first countings as they would have.
    private List<Outcome<Counted>> countAll(List<Item> items, List<Integer> sorted) {
        var outcomes = new ArrayList<Outcome<Counted>>(items.size());
        for (int i = 0; i < items.size(); i++) {
            outcomes.add(null);
        }
        var ids = new LinkedHashSet<UUID>();
        items.forEach(item -> ids.add(item.mention().mentionId()));
        var erased = countedMentions.erasedAmong(ids);
        // The first arrival of each mention in the batch is recorded in bulk; later ones (another
        // delivery or revision of it) are counted one by one afterwards.
        var first = new LinkedHashMap<UUID, Integer>();
        var later = new ArrayList<Integer>();
        for (var i : sorted) {
            var mention = items.get(i).mention();
            if (erased.contains(mention.mentionId())) {
                outcomes.set(i, Outcome.of(new Counted(CountOutcome.ERASED, null)));
            } else if (mention.revision() > 0 && beyondMentionRetention(mention)) {
                // As in countIn: its counted_mention row may be purged while its buckets stay.
                outcomes.set(i, Outcome.of(new Counted(CountOutcome.EXPIRED, null)));
            } else if (first.putIfAbsent(mention.mentionId(), i) != null) {
                later.add(i);
            }
        }
        var toRecord = new ArrayList<CountedMentionRepository.ToRecord>(first.size());
        for (var i : first.values()) {
            var item = items.get(i);
            var mention = item.mention();
            toRecord.add(
                    new CountedMentionRepository.ToRecord(
                            mention,
                            buckets.startOf(mention.publishedAt()),
                            excerpt(mention, item.text())));
        }
        var recorded = countedMentions.recordAllIfAbsent(toRecord);
        var aspects = new LinkedHashMap<UUID, Set<String>>();
        // Sorted as every batch writes them: brand buckets, then facility buckets, by key.
        var brandBuckets = new TreeMap<String, BrandBucketCountRepository.Increment>();
        var facilityBuckets = new TreeMap<String, BrandBucketCountRepository.Increment>();
        for (var i : first.values()) {
            var item = items.get(i);
            var mention = item.mention();
            if (!recorded.contains(mention.mentionId())) {
                continue;
            }
            aspects.put(mention.mentionId(), item.negativeAspects());
            var bucketStart = buckets.startOf(mention.publishedAt());
            brandBuckets
                    .computeIfAbsent(
                            key(mention.brandId(), "", bucketStart),
                            k ->
                                    BrandBucketCountRepository.increment(
                                            mention.brandId(), null, bucketStart))
                    .add(mention.label(), mention.certainty());
            if (mention.facilityId() != null) {
                facilityBuckets
                        .computeIfAbsent(
                                key(mention.brandId(), mention.facilityId(), bucketStart),
                                k ->
                                        BrandBucketCountRepository.increment(
                                                mention.brandId(),
                                                mention.facilityId(),
                                                bucketStart))
                        .add(mention.label(), mention.certainty());
            }
        }
        countedMentions.recordAllAspects(aspects);
        bucketCounts.incrementAll(List.copyOf(brandBuckets.values()));
        bucketCounts.incrementAllFacilities(List.copyOf(facilityBuckets.values()));
        for (var i : first.values()) {
            var item = items.get(i);
            var mention = item.mention();
            if (recorded.contains(mention.mentionId())) {
                checkCriticalPost(mention, item.text());
                outcomes.set(i, Outcome.of(new Counted(CountOutcome.COUNTED, null)));
            } else if (mention.revision() == 0) {
                // Counted before at revision 0 or later: nothing to move, no row to lock.
                outcomes.set(i, Outcome.of(new Counted(CountOutcome.DUPLICATE, null)));
            } else {
                outcomes.set(i, Outcome.of(recountIfNewer(item)));
            }
        }
        for (var i : later) {
            outcomes.set(i, Outcome.of(countIn(items.get(i))));
        }
        return outcomes;
    }

    /** A bucket's sort key: brand, facility ('' for the brand's own), bucket start. */
    private static String key(String brandId, String facilityId, Instant bucketStart) {
        // Slugs hold no space, and an Instant's text of one century sorts as its time.
        return brandId + " " + facilityId + " " + bucketStart;
    }

    // Only negative mentions become samples, so only theirs is kept (TEXT class).
    private static String excerpt(LabelledMention mention, String text) {
        return mention.label() == SentimentLabel.NEGATIVE ? Excerpts.of(text) : null;
    }

    /** A counted mention arriving at another revision: moved when it is newer (countIn's end). */
    private Counted recountIfNewer(Item item) {
        var mention = item.mention();
        var counted = countedMentions.lockCounted(mention.mentionId());
        if (counted.isEmpty() || mention.revision() <= counted.get().revision()) {
            return new Counted(CountOutcome.DUPLICATE, null);
        }
        recount(counted.get(), mention, excerpt(mention, item.text()), item.negativeAspects());
        return new Counted(CountOutcome.RECOUNTED, counted.get().label());
    }

    private void checkCriticalPost(LabelledMention mention, String text) {
        if (text != null) {
            detection.checkCriticalPost(
                    mention.brandId(),
                    mention.facilityId(),
                    mention.mentionId().toString(),
                    mention.url(),
                    excerpt(mention, text),
                    mention.publishedAt(),
                    text);
        }
    }

    /** Counts one mention in the caller's transaction. */
    private Counted countIn(Item item) {
        var mention = item.mention();
        var text = item.text();
        var bucketStart = buckets.startOf(mention.publishedAt());
        var excerpt = excerpt(mention, text);
        if (countedMentions.erased(mention.mentionId())) {
            return new Counted(CountOutcome.ERASED, null);
        }
        if (mention.revision() > 0 && beyondMentionRetention(mention)) {
            // Its counted_mention row may have been purged while its buckets stay: counting it
            // again would count it twice.
            return new Counted(CountOutcome.EXPIRED, null);
        }
        if (!countedMentions.recordIfAbsent(mention, bucketStart, excerpt)) {
            return recountIfNewer(item);
        }
        countedMentions.recordAspects(mention.mentionId(), item.negativeAspects());
        bucketCounts.increment(
                mention.brandId(), bucketStart, mention.label(), mention.certainty());
        if (mention.facilityId() != null) {
            bucketCounts.incrementFacility(
                    mention.brandId(),
                    mention.facilityId(),
                    bucketStart,
                    mention.label(),
                    mention.certainty());
        }
        checkCriticalPost(mention, text);
        return new Counted(CountOutcome.COUNTED, null);
    }

    // After the commit, so that the metrics only ever reflect committed counts.
    private void report(LabelledMention mention, Counted counted) {
        switch (counted.outcome()) {
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
                metrics.recounted(counted.moved(), mention.label());
                Log.infof(
                        "Recounted mention %s of %s at revision %d: %s -> %s",
                        mention.mentionId(),
                        mention.brandId(),
                        mention.revision(),
                        counted.moved(),
                        mention.label());
            }
            case COUNTED -> {
                metrics.counted(mention.label());
                Log.debugf(
                        "Counted mention %s of %s as %s in bucket %s",
                        mention.mentionId(),
                        mention.brandId(),
                        mention.label(),
                        buckets.startOf(mention.publishedAt()));
            }
        }
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
