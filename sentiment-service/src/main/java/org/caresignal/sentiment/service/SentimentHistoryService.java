package org.caresignal.sentiment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentHistory;
import org.caresignal.sentiment.domain.TimeBuckets;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;

/** Read use cases over stored mentions: sentiment per time bucket, and a search with paging. */
@ApplicationScoped
public class SentimentHistoryService {

    private final ScoredMentionRepository repository;

    public SentimentHistoryService(ScoredMentionRepository repository) {
        this.repository = repository;
    }

    /** A page of mentions and how many match in total. */
    public record MentionPage(List<ScoredMention> mentions, long total) {}

    @Transactional
    public List<SentimentHistory.Bucket> history(Filter filter, TimeBuckets buckets) {
        var history = new SentimentHistory(buckets);
        try (var points = repository.points(filter)) {
            points.forEach(p -> history.add(p.publishedAt(), p.label(), p.score()));
        }
        return history.buckets();
    }

    @Transactional
    public MentionPage search(Filter filter, int page, int size) {
        return new MentionPage(
                repository.search(filter, page, size), repository.countMatching(filter));
    }
}
