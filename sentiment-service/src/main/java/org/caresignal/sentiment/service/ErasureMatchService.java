package org.caresignal.sentiment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.repository.ScoredMentionRepository;

/**
 * Finds the mentions an erasure by phrase or URL would take (for ingest-service, which keeps no
 * text): criteria in, mention ids out, never text; each call audited as erasure.match without the
 * phrase or URL (a phrase may hold a name), only the phrase's length.
 */
@ApplicationScoped
public class ErasureMatchService {

    /** One more than an erasure may hold, so that the caller can tell "too many". */
    public static final int MAX_IDS = 10_001;

    private final ScoredMentionRepository repository;
    private final AuditService audit;

    public ErasureMatchService(ScoredMentionRepository repository, AuditService audit) {
        this.repository = repository;
        this.audit = audit;
    }

    /** The criteria of a match; null means "any", at least one of phrase and url is given. */
    public record Criteria(String brandId, Instant from, Instant to, String phrase, String url) {}

    /** The matching mention ids (at most {@link #MAX_IDS}), oldest first. */
    @Transactional
    public List<UUID> match(Criteria criteria, String auditTarget, Actor actor) {
        var ids =
                repository.erasureMatches(
                        criteria.brandId(),
                        criteria.from(),
                        criteria.to(),
                        criteria.phrase(),
                        criteria.url(),
                        MAX_IDS);
        var detail =
                (criteria.phrase() == null
                                ? "phrase=none"
                                : "phraseLength=" + criteria.phrase().length())
                        + (criteria.url() == null ? "" : " url=given");
        audit.record(actor, "erasure.match", auditTarget, ids.size(), detail);
        return ids;
    }
}
