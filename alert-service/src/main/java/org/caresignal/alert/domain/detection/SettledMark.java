package org.caresignal.alert.domain.detection;

import java.time.Duration;
import java.time.Instant;

/**
 * The event time a live series may close its buckets by: its newest {@code publishedAt} as it stood
 * at least {@code settle} of wall-clock time ago.
 *
 * <p>The grace period alone is measured in event time, which is enough while mentions arrive as
 * they are posted. When a backlog is worked off (a backfill, a catch-up after downtime, the demo)
 * hours of event time pass in seconds, and scoring on a worker pool delivers mentions a few hundred
 * milliseconds out of order: a bucket closed the moment a later mention passed its grace would miss
 * its stragglers for good, as the detector never goes back. Waiting a few seconds of wall-clock
 * time before trusting a newest event time costs live detection nothing noticeable and lets every
 * straggler that is at most {@code settle} late be counted.
 *
 * <p>Not thread-safe: the caller observes one series under that series' lock.
 */
public final class SettledMark {

    private final Duration settle;
    private Instant candidate;
    private Instant candidateSeenAt;
    private Instant settled;

    public SettledMark(Duration settle) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative: " + settle);
        }
        this.settle = settle;
    }

    /**
     * Records the series' newest event time as seen at wall time {@code now} and returns the mark
     * to close buckets by, or null while nothing has settled yet.
     */
    public Instant observe(Instant newest, Instant now) {
        if (newest == null) {
            return settled;
        }
        if (settle.isZero()) {
            settled = later(settled, newest);
            return settled;
        }
        if (candidate == null) {
            candidate = newest;
            candidateSeenAt = now;
        } else if (!now.isBefore(candidateSeenAt.plus(settle))) {
            settled = later(settled, candidate);
            candidate = newest;
            candidateSeenAt = now;
        }
        return settled;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
