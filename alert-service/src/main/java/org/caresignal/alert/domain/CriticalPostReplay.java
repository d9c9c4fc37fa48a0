package org.caresignal.alert.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.caresignal.alert.domain.detection.CriticalPostRules;

/**
 * Replays critical-post rules over stored posts the way the live detection matches a newly counted
 * mention (the global rules and those of the post's brand, first match wins): posts in, the posts
 * that would have raised a {@code CRITICAL_POST} incident out, each with its rule. A post whose
 * text is gone (erased on request, purged at retention age, never given) is counted as not
 * replayable with the reason, never matched on a guess.
 *
 * <p>Feed it with {@link #accept(Post)} and read {@link #result()}; only ids, times, facilities and
 * rule ids are kept, never text.
 */
public final class CriticalPostReplay {

    /** Why a post without text has none, when the store did not say. */
    public static final String NO_TEXT = "NO_TEXT";

    /**
     * One stored post: its id, when it was published, its brand and facility (may be null), its
     * text (null when it is gone) and, when gone, why ({@code ERASED}, {@code PURGED}; may be
     * null).
     */
    public record Post(
            String id,
            Instant publishedAt,
            String brandId,
            String facilityId,
            String text,
            String textRemoved) {
        public Post {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(brandId, "brandId");
        }
    }

    /** A post that would have been critical: which post, when, where, and under which rule. */
    public record Hit(
            String mentionId,
            Instant publishedAt,
            String brandId,
            String facilityId,
            String ruleId,
            String category) {}

    /**
     * What the replay found: posts seen, replayed (with text) and not replayable (by reason), the
     * matches in all and per rule, and the first {@code maxHits} matches in the order fed.
     */
    public record Result(
            long posts,
            long replayed,
            long notReplayable,
            Map<String, Long> notReplayableReasons,
            long matched,
            Map<String, Long> matchesByRule,
            List<Hit> hits,
            boolean hitsTruncated) {}

    private final CriticalPostRules rules;
    private final int maxHits;
    private final List<Hit> hits = new ArrayList<>();
    private final Map<String, Long> reasons = new TreeMap<>();
    private final Map<String, Long> byRule = new TreeMap<>();
    private long posts;
    private long replayed;
    private long matched;

    /**
     * @param rules the rule set, global and per brand (each post meets the global ones and its
     *     brand's)
     * @param maxHits how many matches {@link Result#hits()} lists at most (all are counted)
     */
    public CriticalPostReplay(CriticalPostRules rules, int maxHits) {
        if (maxHits < 0) {
            throw new IllegalArgumentException("maxHits must not be negative");
        }
        this.rules = Objects.requireNonNull(rules, "rules");
        this.maxHits = maxHits;
    }

    /**
     * Matches one post, or counts it as not replayable when its text is gone; the match, if it is
     * one (whether or not {@link Result#hits()} still has room for it).
     */
    public Optional<Hit> accept(Post post) {
        posts++;
        if (post.text() == null) {
            var why =
                    post.textRemoved() == null || post.textRemoved().isBlank()
                            ? NO_TEXT
                            : post.textRemoved();
            reasons.merge(why, 1L, Long::sum);
            return Optional.empty();
        }
        replayed++;
        var match = rules.match(post.brandId(), post.text());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        matched++;
        byRule.merge(match.get().ruleId(), 1L, Long::sum);
        var hit =
                new Hit(
                        post.id(),
                        post.publishedAt(),
                        post.brandId(),
                        post.facilityId(),
                        match.get().ruleId(),
                        match.get().category());
        if (hits.size() < maxHits) {
            hits.add(hit);
        }
        return Optional.of(hit);
    }

    /** Posts fed so far. */
    public long posts() {
        return posts;
    }

    /** What was found so far. */
    public Result result() {
        return new Result(
                posts,
                replayed,
                posts - replayed,
                java.util.Collections.unmodifiableMap(new TreeMap<>(reasons)),
                matched,
                java.util.Collections.unmodifiableMap(new TreeMap<>(byRule)),
                List.copyOf(hits),
                matched > hits.size());
    }
}
