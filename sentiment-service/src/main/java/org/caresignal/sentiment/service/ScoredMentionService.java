package org.caresignal.sentiment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.repository.ScoredMentionRepository;

/** Transactional access to scored mentions: each call is its own committed transaction. */
@ApplicationScoped
public class ScoredMentionService {

    private final ScoredMentionRepository repository;

    public ScoredMentionService(ScoredMentionRepository repository) {
        this.repository = repository;
    }

    /** Result of {@link #storeIfAbsent}: the row as stored, and whether this call inserted it. */
    public record Stored(ScoredMention mention, boolean inserted) {}

    @Transactional
    public Optional<ScoredMention> find(UUID mentionId) {
        return repository.findByIdOptional(mentionId);
    }

    /**
     * Stores the mention with its sentiment unless a row for its id exists already, in which case
     * that row is returned untouched.
     */
    @Transactional
    public Stored storeIfAbsent(MentionIngested mention, ScoredText sentiment, Instant scoredAt) {
        var existing = repository.findByIdOptional(mention.mentionId());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        var row = new ScoredMention();
        row.mentionId = mention.mentionId();
        row.brandId = mention.brandId();
        row.facilityId = mention.facilityId();
        row.source = mention.source();
        row.externalId = mention.externalId();
        row.url = mention.url();
        row.text = mention.text();
        row.publishedAt = mention.publishedAt();
        row.language = mention.language();
        row.assign(sentiment, scoredAt);
        repository.persist(row);
        return new Stored(row, true);
    }
}
