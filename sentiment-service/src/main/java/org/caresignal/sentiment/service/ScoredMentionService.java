package org.caresignal.sentiment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.sentiment.domain.MentionCorrection;
import org.caresignal.sentiment.domain.MentionCursor;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.repository.MentionCorrectionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Sort;

/** Transactional access to scored mentions: each call is its own committed transaction. */
@ApplicationScoped
public class ScoredMentionService {

    private final ScoredMentionRepository repository;
    private final ErasureRepository erasures;
    private final MentionCorrectionRepository corrections;

    public ScoredMentionService(
            ScoredMentionRepository repository,
            ErasureRepository erasures,
            MentionCorrectionRepository corrections) {
        this.repository = repository;
        this.erasures = erasures;
        this.corrections = corrections;
    }

    /**
     * Result of {@link #storeIfAbsent}: the row as stored, and whether this call inserted it; no
     * row ({@link #ERASED}) when the mention has been erased.
     */
    public record Stored(ScoredMention mention, boolean inserted) {

        public static final Stored ERASED = new Stored(null, false);

        public boolean erased() {
            return mention == null;
        }
    }

    /** Whether an erasure named the mention (it is then never stored again). */
    @Transactional
    public boolean isErased(UUID mentionId) {
        return erasures.isErased(mentionId);
    }

    /**
     * A page of the search: its mentions, the cursor to the next page (null on the last), and the
     * total that match, counted only for a first request (no cursor) because counting a brand's
     * millions of rows on every page would cost what keyset paging saves, and only up to {@link
     * ScoredMentionRepository#COUNTED_AT_MOST}: past it, {@code total} is that many and {@code
     * totalCapped} true ("more than 10,000"); null with {@code total} on the pages a cursor
     * fetched.
     */
    public record MentionPage(
            List<ScoredMention> mentions,
            MentionCursor next,
            Long total,
            Boolean totalCapped,
            Map<UUID, MentionCorrection> corrections) {}

    /**
     * One page of matching mentions, newest first: after {@code cursor} when given, else from row
     * {@code offset} (bounded by the caller).
     */
    @Transactional
    public MentionPage search(Filter filter, MentionCursor cursor, int offset, int size) {
        return search(filter, Sort.TIME, cursor, offset, size);
    }

    /**
     * As {@link #search(Filter, MentionCursor, int, int)} in the given order; sorted by
     * amplification there is no cursor (repost counts move while one pages), only page numbers.
     */
    @Transactional
    public MentionPage search(
            Filter filter, Sort sort, MentionCursor cursor, int offset, int size) {
        // One row more than asked tells whether there is a next page without counting.
        var rows = repository.search(filter, sort, cursor, offset, size + 1);
        var page = rows.size() > size ? rows.subList(0, size) : rows;
        var next =
                rows.size() > size && sort == Sort.TIME
                        ? new MentionCursor(
                                page.get(size - 1).publishedAt, page.get(size - 1).mentionId)
                        : null;
        var counted = cursor == null ? repository.countMatching(filter) : null;
        var capped = counted == null ? null : counted > ScoredMentionRepository.COUNTED_AT_MOST;
        var total =
                counted == null
                        ? null
                        : Math.min(counted, (long) ScoredMentionRepository.COUNTED_AT_MOST);
        return new MentionPage(List.copyOf(page), next, total, capped, corrections.of(ids(page)));
    }

    /** The corrections of these mentions, by mention id (for the who and when of each). */
    @Transactional
    public Map<UUID, MentionCorrection> corrections(List<ScoredMention> mentions) {
        return corrections.of(ids(mentions));
    }

    /** The brand's aspects with their counts by label, most negative first. */
    @Transactional
    public List<ScoredMentionRepository.AspectCount> aspects(Filter filter) {
        return repository.aspectCounts(filter);
    }

    /** The brand's most reposted mentions, then newest. */
    @Transactional
    public List<ScoredMention> mostReposted(Filter filter, int limit) {
        return repository.mostReposted(filter, limit);
    }

    private static List<UUID> ids(List<ScoredMention> mentions) {
        return mentions.stream().map(m -> m.mentionId).toList();
    }

    @Transactional
    public Optional<ScoredMention> find(UUID mentionId) {
        return repository.findByIdOptional(mentionId);
    }

    /**
     * Stores the mention with its sentiment unless a row for its id exists already, in which case
     * that row is returned untouched, or the mention has been erased, in which case nothing is
     * stored.
     */
    @Transactional
    public Stored storeIfAbsent(MentionIngested mention, ScoredText sentiment, Instant scoredAt) {
        return storeIfAbsent(mention, sentiment, "", scoredAt);
    }

    /**
     * As {@link #storeIfAbsent(MentionIngested, ScoredText, Instant)}, for a text scored under the
     * brand's phrase rules of this fingerprint.
     */
    @Transactional
    public Stored storeIfAbsent(
            MentionIngested mention, ScoredText sentiment, String phraseRules, Instant scoredAt) {
        // Checked under the erasure lock: an erasure committing meanwhile is seen
        // (ErasureRepository).
        erasures.lockShared();
        if (erasures.isErased(mention.mentionId())) {
            return Stored.ERASED;
        }
        var existing = repository.findByIdOptional(mention.mentionId());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        var row = ScoredMentionBatchStore.newRow(mention, sentiment, phraseRules, scoredAt);
        // Locked in id order (no deadlock between two such transactions): this mention's count and
        // its original's, so that a repost and its original stored at once count each other.
        var keys = new java.util.TreeSet<UUID>();
        keys.add(row.mentionId);
        if (row.repostOf != null) {
            keys.add(row.repostOf);
        }
        keys.forEach(repository::lockReposts);
        repository.persist(row);
        repository.flush();
        // Only on insert: a redelivery returns above, so a repost is counted once. The original,
        // when stored, gains one (no recount: a viral post has thousands); this mention counts the
        // reposts that arrived before it.
        repository.recountReposts(row.mentionId);
        if (row.repostOf != null && !row.repostOf.equals(row.mentionId)) {
            repository.addRepost(row.repostOf);
        }
        return new Stored(row, true);
    }
}
