package org.caresignal.sentiment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.caresignal.sentiment.domain.SentimentHistory;
import org.caresignal.sentiment.domain.TimeBuckets;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;

/**
 * Read use cases over stored mentions: sentiment per time bucket (the search is
 * ScoredMentionService's).
 */
@ApplicationScoped
public class SentimentHistoryService {

    private final ScoredMentionRepository repository;

    public SentimentHistoryService(ScoredMentionRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public List<SentimentHistory.Bucket> history(Filter filter, TimeBuckets buckets) {
        var history = new SentimentHistory(buckets);
        try (var points = repository.points(filter)) {
            points.forEach(p -> history.add(p.publishedAt(), p.label(), p.score()));
        }
        return history.buckets();
    }
}
