package org.caresignal.sentiment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.caresignal.sentiment.domain.SentimentHistory;
import org.caresignal.sentiment.domain.TimeBuckets;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.repository.SentimentRollupRepository;

/**
 * Read use cases over stored mentions: sentiment per time bucket, from the hourly rollups where the
 * buckets are whole UTC hours, else from the mentions themselves (the search is
 * ScoredMentionService's).
 */
@ApplicationScoped
public class SentimentHistoryService {

    /** Where a history was read from. */
    public enum Source {
        /** The hourly rollups (sentiment_rollup). */
        ROLLUP,
        /** Every matching mention (minute buckets, zones off the hour). */
        RAW
    }

    /** The buckets and where they were read from. */
    public record History(List<SentimentHistory.Bucket> buckets, Source source) {}

    private final ScoredMentionRepository mentions;
    private final SentimentRollupRepository rollups;

    public SentimentHistoryService(
            ScoredMentionRepository mentions, SentimentRollupRepository rollups) {
        this.mentions = mentions;
        this.rollups = rollups;
    }

    @Transactional
    public List<SentimentHistory.Bucket> history(Filter filter, TimeBuckets buckets) {
        return read(filter, buckets).buckets();
    }

    /**
     * The history of the filter's mentions in the buckets. An hour of the rollups lies within one
     * bucket only when every bucket boundary is a whole UTC hour; otherwise (minute buckets, a zone
     * at +05:30) the mentions are counted one by one.
     */
    @Transactional
    public History read(Filter filter, TimeBuckets buckets) {
        return buckets.onWholeHours()
                ? new History(fromRollups(filter, buckets), Source.ROLLUP)
                : new History(fromMentions(filter, buckets), Source.RAW);
    }

    /** The history counted from the mentions, whatever the buckets (the reference answer). */
    @Transactional
    public List<SentimentHistory.Bucket> fromMentions(Filter filter, TimeBuckets buckets) {
        var history = new SentimentHistory(buckets);
        try (var points = mentions.points(filter)) {
            points.forEach(p -> history.add(p.publishedAt(), p.label(), p.score()));
        }
        return history.buckets();
    }

    private List<SentimentHistory.Bucket> fromRollups(Filter filter, TimeBuckets buckets) {
        var history = new SentimentHistory(buckets);
        for (var hour : rollups.hours(filter)) {
            history.addHour(
                    hour.start(),
                    hour.negative(),
                    hour.neutral(),
                    hour.positive(),
                    hour.scoreSum());
        }
        return history.buckets();
    }
}
