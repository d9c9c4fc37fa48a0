package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.MentionPage;
import org.caresignal.alert.client.MentionQuery;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.CriticalPostReplay;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.detection.CriticalPostRules;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.Signal;
import org.caresignal.alert.domain.detection.SpikeDetector;
import org.caresignal.alert.domain.detection.Transition;
import org.caresignal.alert.domain.detection.Trigger;
import org.caresignal.alert.repository.BrandBucketCountRepository;

/**
 * Replays a detector configuration over a series' stored bucket counts in a time range and lists
 * the incidents it would have opened, and the critical-post rules over the stored mentions of the
 * range (read from sentiment-service with the caller's token) and lists the posts that would have
 * been critical; nothing is stored or published.
 */
@ApplicationScoped
public class BacktestService {

    /** One incident the replay would have opened. */
    public record WouldBeIncident(
            Instant episodeStart,
            Instant pagedAt,
            Instant resolvedAt,
            String severity,
            Set<Trigger> triggers,
            double peakScore,
            int reopens) {}

    /** The replay's outcome. */
    public record Result(int buckets, List<WouldBeIncident> incidents) {}

    /** How a critical-post replay ended. */
    public enum CriticalPostStatus {
        /** Every mention of the range was read and the ones with text matched. */
        REPLAYED,
        /**
         * More mentions than {@code caresignal.alert.backtest.max-mentions}: the newest were
         * replayed, those published before {@code replayedFrom} were not read.
         */
        PARTIAL,
        /** The request asked for none. */
        OFF,
        /** The caller may not read post text (analyst or responder), so nothing was asked. */
        NOT_PERMITTED,
        /** sentiment-service did not answer, or refused: nothing is reported rather than a part. */
        UNAVAILABLE
    }

    /**
     * The critical-post replay: how it ended (and why, in words that hold no remote text), the ids
     * of the rules that ran, enabled rules skipped because their pattern cannot run, what was
     * found, and, when {@link CriticalPostStatus#PARTIAL}, the publication time of the oldest
     * mention read.
     */
    public record CriticalPosts(
            CriticalPostStatus status,
            String detail,
            String rulesSource,
            List<String> rules,
            java.util.Map<String, String> skippedRules,
            CriticalPostReplay.Result result,
            Instant replayedFrom) {}

    /** The saved rules ran (global and the brand's, as stored at the request's moment). */
    public static final String RULES_SAVED = "saved";

    /** The request's candidate rules ran instead of the saved ones. */
    public static final String RULES_REQUEST = "request";

    /** Matches listed in a backtest's answer at most (all are counted). */
    static final int MAX_LISTED = 500;

    /** Mentions asked of sentiment-service per page (its maximum). */
    static final int PAGE_SIZE = 200;

    private final BrandBucketCountRepository counts;
    private final TimeBuckets buckets;
    private final SentimentClient sentiment;
    private final RuleService rules;
    private final int maxMentions;

    public BacktestService(
            BrandBucketCountRepository counts,
            AlertConfig config,
            SentimentClient sentiment,
            RuleService rules) {
        this.counts = counts;
        this.buckets = new TimeBuckets(config.bucketSize());
        this.sentiment = sentiment;
        this.rules = rules;
        this.maxMentions = config.backtest().maxMentions();
    }

    /** A replay the caller did not get: {@code status} and why, nothing found. */
    public static CriticalPosts notReplayed(CriticalPostStatus status, String detail) {
        return new CriticalPosts(status, detail, null, List.of(), java.util.Map.of(), null, null);
    }

    /**
     * Replays the enabled critical-post rules that apply to the brand (global and its own, as saved
     * now) over the brand's (or facility's) mentions published in the window, read page by page
     * from sentiment-service as the caller ({@code bearer}: sentiment-service checks the role and
     * audits the search). Not transactional: no database work waits on the remote calls.
     */
    public CriticalPosts replayCriticalPosts(
            Bearer bearer,
            String brandId,
            String facilityId,
            StatsWindow window,
            CriticalPostRules candidates) {
        var saved =
                candidates == null
                        ? rules.savedCriticalPostRules(brandId)
                        : new RuleService.CompiledRules(
                                candidates.forBrand(brandId), java.util.Map.of());
        var source = candidates == null ? RULES_SAVED : RULES_REQUEST;
        var query =
                MentionQuery.brand(brandId)
                        .withRange(window.from(), window.to())
                        .withFacility(facilityId)
                        .withPage(null, PAGE_SIZE);
        try {
            return replayPages(
                    cursor -> sentiment.search(bearer, query.withCursor(cursor)),
                    saved,
                    source,
                    brandId,
                    maxMentions);
        } catch (ServiceRefusedException e) {
            return notReplayed(
                    CriticalPostStatus.UNAVAILABLE,
                    SentimentClient.SERVICE
                            + (e.forbidden()
                                    ? " refused to show the mentions to the caller"
                                    : " refused the search")
                            + " (HTTP "
                            + e.status()
                            + "); the spike replay ran");
        } catch (ServiceUnavailableException e) {
            return notReplayed(
                    CriticalPostStatus.UNAVAILABLE,
                    SentimentClient.SERVICE + " is not answering; the spike replay ran");
        }
    }

    /**
     * Replays {@code saved} over the pages {@code fetch} answers for a cursor (null: the first
     * page), newest mention first, until a page without {@code nextCursor} or {@code maxMentions}
     * mentions ({@link CriticalPostStatus#PARTIAL}: there were more).
     */
    static CriticalPosts replayPages(
            java.util.function.Function<String, MentionPage> fetch,
            RuleService.CompiledRules saved,
            String rulesSource,
            String brandId,
            int maxMentions) {
        var ids = saved.rules().rules().stream().map(CriticalPostRules.Rule::id).toList();
        var replay = new CriticalPostReplay(saved.rules(), MAX_LISTED);
        Instant oldest = null;
        String cursor = null;
        do {
            var page = fetch.apply(cursor);
            for (var m : page.items()) {
                if (replay.posts() >= maxMentions) {
                    return done(
                            CriticalPostStatus.PARTIAL, rulesSource, ids, saved, replay, oldest);
                }
                replay.accept(
                        new CriticalPostReplay.Post(
                                m.mentionId().toString(),
                                m.publishedAt(),
                                brandId,
                                m.facilityId(),
                                m.text(),
                                m.textRemoved()));
                oldest = m.publishedAt();
            }
            cursor = page.items().isEmpty() ? null : page.nextCursor();
        } while (cursor != null);
        return done(CriticalPostStatus.REPLAYED, rulesSource, ids, saved, replay, null);
    }

    private static CriticalPosts done(
            CriticalPostStatus status,
            String rulesSource,
            List<String> ids,
            RuleService.CompiledRules saved,
            CriticalPostReplay replay,
            Instant oldest) {
        var found = replay.result();
        var inOrder =
                found.hits().stream()
                        .sorted(
                                java.util.Comparator.comparing(CriticalPostReplay.Hit::publishedAt)
                                        .thenComparing(CriticalPostReplay.Hit::mentionId))
                        .toList();
        var result =
                new CriticalPostReplay.Result(
                        found.posts(),
                        found.replayed(),
                        found.notReplayable(),
                        found.notReplayableReasons(),
                        found.matched(),
                        found.matchesByRule(),
                        inOrder,
                        found.hitsTruncated());
        return new CriticalPosts(
                status,
                status == CriticalPostStatus.PARTIAL
                        ? "more mentions than one backtest reads; the newest were replayed, those"
                                + " published before replayedFrom (and some at it) were not read"
                        : null,
                rulesSource,
                ids,
                saved.skipped(),
                result,
                status == CriticalPostStatus.PARTIAL ? oldest : null);
    }

    @Transactional
    public Result run(
            String brandId,
            String facilityId,
            StatsWindow window,
            DetectorSettings settings,
            UncertainPolicy policy) {
        var size = settings.bucketSize();
        var first = buckets.startOf(window.from());
        var last = buckets.startOf(window.to().minusNanos(1));
        var stored = new java.util.HashMap<Instant, Bucket>();
        counts.seriesBuckets(brandId, facilityId, first, last, policy)
                .forEach(b -> stored.put(b.start(), b));
        var detector = new SpikeDetector(settings, ZoneOffset.UTC);
        var found = new ArrayList<WouldBeIncident>();
        Open open = null;
        // Every bucket is observed, empty ones as zeros, so each transition lands on its own
        // bucket (a resolve inside a gap is not reported late).
        for (var t = first; !t.isAfter(last); t = t.plus(size)) {
            var e = detector.observe(stored.getOrDefault(t, new Bucket(t, 0, 0)));
            var end = e.bucketStart().plus(size);
            switch (e.transition()) {
                case PAGE -> open = new Open(e.episodeStart(), end);
                case REOPEN -> {
                    // A repeat within the cooldown folds back into the last incident: no page.
                    open =
                            found.isEmpty()
                                    ? new Open(e.episodeStart(), end)
                                    : Open.of(found.remove(found.size() - 1));
                    open.reopens++;
                }
                default -> {}
            }
            if (open == null) {
                continue;
            }
            open.peak = Math.max(open.peak, e.score());
            var current = open;
            e.signals().stream()
                    .filter(Signal::firing)
                    .forEach(x -> current.triggers.add(x.trigger()));
            if (e.severity() != null) {
                open.severity = e.severity().name();
            }
            if (e.transition() == Transition.RESOLVE) {
                found.add(open.toIncident(end));
                open = null;
            }
        }
        if (open != null) {
            found.add(open.toIncident(null));
        }
        int replayed =
                (int) (java.time.Duration.between(first, last).toSeconds() / size.toSeconds()) + 1;
        return new Result(replayed, found);
    }

    /** The incident being replayed. */
    private static final class Open {
        final Instant start;
        final Instant pagedAt;
        final Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        String severity;
        double peak;
        int reopens;

        Open(Instant start, Instant pagedAt) {
            this.start = start;
            this.pagedAt = pagedAt;
        }

        static Open of(WouldBeIncident incident) {
            var open = new Open(incident.episodeStart(), incident.pagedAt());
            open.triggers.addAll(incident.triggers());
            open.severity = incident.severity();
            open.peak = incident.peakScore();
            open.reopens = incident.reopens();
            return open;
        }

        WouldBeIncident toIncident(Instant resolvedAt) {
            return new WouldBeIncident(
                    start, pagedAt, resolvedAt, severity, copy(triggers), peak, reopens);
        }
    }

    private static Set<Trigger> copy(Set<Trigger> triggers) {
        return triggers.isEmpty() ? EnumSet.noneOf(Trigger.class) : EnumSet.copyOf(triggers);
    }
}
