package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.TimeBuckets;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.Signal;
import org.caresignal.alert.domain.detection.SpikeDetector;
import org.caresignal.alert.domain.detection.Transition;
import org.caresignal.alert.domain.detection.Trigger;
import org.caresignal.alert.repository.BrandBucketCountRepository;

/**
 * Replays a detector configuration over a series' stored bucket counts in a time range and lists
 * the incidents it would have opened; nothing is stored or published.
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

    private final BrandBucketCountRepository counts;
    private final TimeBuckets buckets;

    public BacktestService(BrandBucketCountRepository counts, AlertConfig config) {
        this.counts = counts;
        this.buckets = new TimeBuckets(config.bucketSize());
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
