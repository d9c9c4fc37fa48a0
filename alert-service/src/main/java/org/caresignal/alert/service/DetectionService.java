package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.DetectorSnapshot;
import org.caresignal.alert.domain.detection.Evaluation;
import org.caresignal.alert.domain.detection.SettledMark;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.detection.Signal;
import org.caresignal.alert.domain.detection.SpikeDetector;
import org.caresignal.alert.domain.detection.Transition;
import org.caresignal.alert.domain.detection.Trigger;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.incident.IncidentAudit;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.CountedMentionRepository;
import org.caresignal.alert.repository.DetectorStateRepository;

/**
 * Runs each series' persisted spike detector over its closed buckets and turns the detector's
 * transitions into incident changes; also raises critical posts. Bucket counts in, incidents out.
 *
 * <p>A bucket is closed once the newest {@code publishedAt} of the series (event time, as it stood
 * a settle time ago: {@link SettledMark}) or the wall clock minus the idle delay has passed its end
 * plus the grace period. Each series is evaluated under a row lock on its {@code detector_state},
 * and the snapshot is saved in the same transaction as the incident changes, so a restart (or
 * another instance) continues exactly there.
 */
@ApplicationScoped
public class DetectionService {

    /** How many aspects an explanation lists at most. */
    static final int TOP_ASPECTS = 5;

    private final DetectorStateRepository states;
    private final BrandBucketCountRepository counts;
    private final CountedMentionRepository mentions;
    private final IncidentService incidents;
    private final AlertConfig config;
    private final TimeBuckets buckets;
    private final RuleService rules;
    private final ObjectMapper snapshots;
    // Per series, in memory: after a restart a series waits one settle time before closing again.
    private final Map<String, SettledMark> marks = new ConcurrentHashMap<>();

    public DetectionService(
            DetectorStateRepository states,
            BrandBucketCountRepository counts,
            CountedMentionRepository mentions,
            IncidentService incidents,
            AlertConfig config,
            RuleService rules,
            ObjectMapper mapper) {
        this.rules = rules;
        this.states = states;
        this.counts = counts;
        this.mentions = mentions;
        this.incidents = incidents;
        this.config = config;
        this.buckets = new TimeBuckets(config.bucketSize());
        // Learned values may be non-finite in corner cases; keep them round-trippable.
        this.snapshots =
                mapper.copy()
                        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                        .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());
    }

    /** Evaluates the brand's series and, when given, the facility's, up to the event time. */
    public void afterCounted(String brandId, String facilityId, Instant publishedAt) {
        evaluate(brandId, null, publishedAt, null);
        if (facilityId != null) {
            evaluate(brandId, facilityId, publishedAt, null);
        }
    }

    /** Closes buckets of quiet series by the wall clock (the periodic tick). */
    public void closeIdle(Instant now) {
        var until = now.minus(config.detection().idleClose());
        for (var series : QuarkusTransaction.requiringNew().call(states::allSeries)) {
            try {
                evaluate(series[0], series[1], null, until);
            } catch (RuntimeException e) {
                Log.errorf(
                        e,
                        "Evaluating %s/%s failed; retried on the next tick",
                        series[0],
                        series[1]);
            }
        }
    }

    /**
     * In its own transaction: locks the series, observes every closed bucket after the last one
     * evaluated, applies the transitions to incidents and saves the snapshot.
     */
    public void evaluate(String brandId, String facilityId, Instant eventAt, Instant clockMark) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var state = states.lock(brandId, facilityId, eventAt);
                            var mark =
                                    marks.computeIfAbsent(
                                                    brandId
                                                            + "|"
                                                            + (facilityId == null
                                                                    ? ""
                                                                    : facilityId),
                                                    k ->
                                                            new SettledMark(
                                                                    config.detection().settle()))
                                            .observe(state.maxEventAt(), Instant.now());
                            // The clock closes buckets only of a series that has been quiet
                            // for the idle-close time: one still counting a backlog (a backfill,
                            // a catch-up after downtime) would otherwise see its not-yet-counted
                            // buckets closed as zeros, and the detector never goes back.
                            boolean quiet =
                                    clockMark != null
                                            && (state.lastCountedAt() == null
                                                    || !state.lastCountedAt().isAfter(clockMark));
                            if (quiet && (mark == null || clockMark.isAfter(mark))) {
                                mark = clockMark;
                            }
                            if (mark == null) {
                                return;
                            }
                            var size = config.bucketSize();
                            // Last bucket b with b + size + grace <= mark.
                            var closedThrough =
                                    buckets.startOf(
                                            mark.minus(config.detection().grace()).minus(size));
                            var detector = load(brandId, state.snapshot());
                            var from =
                                    detector.lastBucket() == null
                                            ? counts.firstBucket(brandId, facilityId)
                                            : detector.lastBucket().plus(size);
                            if (from == null || from.isAfter(closedThrough)) {
                                return;
                            }
                            var rows =
                                    counts.seriesBuckets(
                                            brandId,
                                            facilityId,
                                            from,
                                            closedThrough,
                                            rules.uncertainPolicyFor(brandId));
                            var observed = new ArrayList<Bucket>(rows);
                            if (observed.isEmpty()
                                    || observed.get(observed.size() - 1)
                                            .start()
                                            .isBefore(closedThrough)) {
                                // Trailing empty buckets are real zeros: they let an episode
                                // resolve.
                                observed.add(new Bucket(closedThrough, 0, 0));
                            }
                            for (var bucket : observed) {
                                apply(
                                        brandId,
                                        facilityId,
                                        detector.observe(bucket),
                                        detector.settings());
                            }
                            states.save(
                                    brandId,
                                    facilityId,
                                    detector.lastBucket(),
                                    write(detector.snapshot()));
                        });
    }

    /**
     * Raises a CRITICAL incident when {@code text} matches a critical-post rule; runs inside the
     * counting transaction so a counted mention never loses its alert.
     */
    public void checkCriticalPost(
            String brandId,
            String facilityId,
            String mentionId,
            String url,
            String excerpt,
            Instant publishedAt,
            String text) {
        var match = rules.criticalPostRules().match(brandId, text);
        if (match.isEmpty()) {
            return;
        }
        var start = buckets.startOf(publishedAt);
        var end = start.plus(config.bucketSize());
        var bucket =
                counts
                        .seriesBuckets(
                                brandId,
                                facilityId,
                                start,
                                start,
                                rules.uncertainPolicyFor(brandId))
                        .stream()
                        .findFirst()
                        .orElse(new Bucket(start, 1, 1));
        var state = states.read(brandId, facilityId);
        double expectedNegative =
                state == null || state.snapshot() == null
                        ? 0
                        : load(brandId, state.snapshot()).expected(start)[1];
        var rule = match.get();
        var summary =
                String.format(
                        Locale.ROOT,
                        "A post matched the critical rule %s (%s); critical posts raise an incident"
                                + " whatever the volume. %d negative of %d mentions in its bucket,"
                                + " %.2f negative expected.",
                        rule.ruleId(),
                        rule.category(),
                        bucket.negative(),
                        bucket.total(),
                        expectedNegative);
        var explanation =
                new Explanation(
                        List.of("CRITICAL_POST:" + rule.ruleId()),
                        new Explanation.Window(start, end),
                        new Explanation.Counts(bucket.total(), bucket.negative()),
                        new Explanation.Baseline(
                                "negative-count", bucket.negative(), expectedNegative),
                        threshold(rules.settingsFor(brandId)),
                        null,
                        null,
                        List.of(new Explanation.Sample(mentionId, url, excerpt)),
                        summary,
                        aspects(brandId, facilityId, start, end, bucket.negative()));
        incidents.raise(
                brandId,
                facilityId,
                IncidentKind.CRITICAL_POST,
                Severity.CRITICAL,
                explanation,
                IncidentAudit.CRITICAL_RULES);
    }

    private void apply(String brandId, String facilityId, Evaluation e, DetectorSettings settings) {
        switch (e.transition()) {
            case PAGE, REOPEN ->
                    incidents.raise(
                            brandId,
                            facilityId,
                            IncidentKind.SPIKE,
                            e.severity(),
                            explain(brandId, facilityId, e, settings),
                            IncidentAudit.DETECTOR);
            case UPDATE ->
                    incidents.escalate(
                            brandId,
                            facilityId,
                            e.severity(),
                            explain(brandId, facilityId, e, settings));
            case RESOLVE ->
                    incidents.autoResolve(
                            brandId,
                            facilityId,
                            "the spike has passed: no trigger held for "
                                    + settings.offBuckets()
                                    + " buckets up to "
                                    + e.bucketStart().plus(config.bucketSize()));
            case NONE -> {}
        }
        if (e.transition() != Transition.NONE) {
            Log.debugf("%s/%s %s at %s", brandId, facilityId, e.transition(), e.bucketStart());
        }
    }

    private Explanation explain(
            String brandId, String facilityId, Evaluation e, DetectorSettings settings) {
        var s = e.strongest().orElseThrow();
        var size = config.bucketSize();
        var end = e.bucketStart().plus(size);
        var start = end.minus(size.multipliedBy(s.windowBuckets()));
        var triggers =
                e.signals().stream().filter(Signal::firing).map(x -> x.trigger().name()).toList();
        var samples =
                mentions
                        .negativeSamples(
                                brandId,
                                facilityId,
                                start,
                                end,
                                config.incidents().samples(),
                                rules.uncertainPolicyFor(brandId))
                        .stream()
                        .map(
                                r ->
                                        new Explanation.Sample(
                                                (String) r[0], (String) r[1], (String) r[2]))
                        .toList();
        return new Explanation(
                triggers.isEmpty() ? List.of(s.trigger().name()) : triggers,
                new Explanation.Window(start, end),
                new Explanation.Counts(s.total(), s.negative()),
                new Explanation.Baseline(measure(s.trigger()), s.observed(), s.expected()),
                threshold(settings, s.trigger()),
                s.pValue(),
                s.effect(),
                samples,
                summary(s, start, end, settings, e.warm()),
                aspects(brandId, facilityId, start, end, s.negative()));
    }

    /**
     * The top aspects of the window's mentions counted negative (under the brand's uncertain
     * policy), with their share of those mentions.
     */
    private List<Explanation.Aspect> aspects(
            String brandId, String facilityId, Instant start, Instant end, long negative) {
        return mentions
                .negativeAspects(
                        brandId,
                        facilityId,
                        start,
                        end,
                        TOP_ASPECTS,
                        rules.uncertainPolicyFor(brandId))
                .stream()
                .map(
                        r ->
                                Explanation.Aspect.of(
                                        (String) r[0], ((Number) r[1]).longValue(), negative))
                .toList();
    }

    private static String measure(Trigger trigger) {
        return switch (trigger) {
            case NEGATIVE_VOLUME -> "negative-count";
            case TOTAL_VOLUME -> "total-count";
            case NEGATIVE_SHARE -> "negative-share";
        };
    }

    private static String summary(
            Signal s, Instant start, Instant end, DetectorSettings settings, boolean warm) {
        var minutes = Duration.between(start, end).toMinutes();
        var what =
                switch (s.trigger()) {
                    case NEGATIVE_VOLUME ->
                            String.format(
                                    Locale.ROOT,
                                    "%d negative mentions in %d min against %.2f expected",
                                    s.negative(),
                                    minutes,
                                    s.expected());
                    case TOTAL_VOLUME ->
                            String.format(
                                    Locale.ROOT,
                                    "%d mentions in %d min against %.2f expected",
                                    s.total(),
                                    minutes,
                                    s.expected());
                    case NEGATIVE_SHARE ->
                            String.format(
                                    Locale.ROOT,
                                    "%.0f%% negative (%d of %d) in %d min against a %.0f%% baseline",
                                    100 * s.observed(),
                                    s.negative(),
                                    s.total(),
                                    minutes,
                                    100 * s.expected());
                };
        return String.format(
                Locale.ROOT,
                "%s: %s (%.1fx, p = %.1e; fires below p = %.0e with at least %d negative / %d"
                        + " mentions and %.1fx) from %s to %s.%s",
                s.trigger(),
                what,
                s.effect(),
                s.pValue(),
                settings.alphaFire(s.trigger()),
                settings.minNegative(),
                settings.minTotal(),
                settings.minEffect(),
                start,
                end,
                warm
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " The series is new (less than a day of history): the negatives"
                                        + " were judged against a prior negative share of %.0f%%"
                                        + " updated by its mentions so far.",
                                100 * settings.earlyPriorShare()));
    }

    /** The detector's thresholds as a critical post meets them (it fires whatever they are). */
    private static Explanation.Threshold threshold(DetectorSettings settings) {
        return threshold(settings, Trigger.TOTAL_VOLUME);
    }

    /** The thresholds {@code trigger}'s signal was held to. */
    private static Explanation.Threshold threshold(DetectorSettings settings, Trigger trigger) {
        return new Explanation.Threshold(
                settings.alphaFire(trigger),
                settings.minNegative(),
                settings.minTotal(),
                settings.minEffect());
    }

    /**
     * The series' detector under the brand's current settings: a changed configuration applies from
     * the next evaluated bucket, while the learned baseline and an open episode carry over.
     */
    private SpikeDetector load(String brandId, String snapshot) {
        var settings = rules.settingsFor(brandId);
        if (snapshot == null) {
            return new SpikeDetector(settings, ZoneOffset.UTC);
        }
        try {
            return SpikeDetector.restore(
                    settings,
                    ZoneOffset.UTC,
                    snapshots.readValue(snapshot, DetectorSnapshot.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored detector snapshot unreadable", e);
        }
    }

    private String write(DetectorSnapshot snapshot) {
        try {
            return snapshots.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the detector snapshot", e);
        }
    }
}
