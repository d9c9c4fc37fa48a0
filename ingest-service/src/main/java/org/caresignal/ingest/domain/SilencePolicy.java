package org.caresignal.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a connector's silence is to be reported now and why: at once when the source says
 * it accepts no request for longer than the rate-limit threshold ({@link Reason#RATE_LIMITED}),
 * else once it has delivered nothing for its {@code silentAfter} ({@link Reason#FAILING} when its
 * last poll failed, {@link Reason#NO_ITEMS} otherwise); and whether a successful poll ends a
 * reported silence.
 */
public final class SilencePolicy {

    /** Why a silence was reported ({@code SourceSilent.reason}). */
    public enum Reason {
        /** The source answers but has had no new post for the connector's silentAfter. */
        NO_ITEMS,
        /** Nothing new for silentAfter, and the last poll failed with an error. */
        FAILING,
        /** The source refuses requests for longer than the rate-limit threshold. */
        RATE_LIMITED
    }

    /** How a reported silence ended ({@code SourceRecovered.resolution}). */
    public enum Resolution {
        /** The source delivers again (a new post, or a successful poll after a rate limit). */
        DELIVERING,
        /** An operator disabled the connector. */
        DISABLED,
        /** An operator deleted the connector. */
        DELETED
    }

    /**
     * What is known of a connector when its silence is checked.
     *
     * @param quietSince its last new post, else its creation
     * @param silentReportedAt when a silence was last reported, or null
     * @param recoveryPending a reported silence has ended and its SourceRecovered is not yet out
     * @param rateLimitedAt when the source last said it was out of requests, or null
     * @param rateLimitedUntil until when it said so, or null
     * @param lastPollFailed the last poll (or stream connection) ended with an error
     */
    public record State(
            boolean enabled,
            Instant quietSince,
            Duration silentAfter,
            Instant silentReportedAt,
            boolean recoveryPending,
            Instant rateLimitedAt,
            Instant rateLimitedUntil,
            boolean lastPollFailed) {}

    /** A silence to report. */
    public record Report(Reason reason, Instant silentSince, Instant rateLimitedUntil) {}

    private final Duration rateLimitAlertAfter;

    /**
     * @param rateLimitAlertAfter a rate limit that the source says lasts longer than this is
     *     reported at once
     */
    public SilencePolicy(Duration rateLimitAlertAfter) {
        if (rateLimitAlertAfter == null || rateLimitAlertAfter.isNegative()) {
            throw new IllegalArgumentException("the rate-limit threshold must be zero or more");
        }
        this.rateLimitAlertAfter = rateLimitAlertAfter;
    }

    /** The silence to report for {@code state} at {@code now}, if any: at most once per silence. */
    public Optional<Report> check(State state, Instant now) {
        var since = state.quietSince();
        if (!state.enabled()
                || state.recoveryPending()
                || (state.silentReportedAt() != null
                        && !state.silentReportedAt().isBefore(since))) {
            return Optional.empty();
        }
        var limitedUntil = limitedAt(state.rateLimitedUntil(), now);
        if (limitedUntil != null && beyondThreshold(state.rateLimitedAt(), limitedUntil)) {
            return Optional.of(new Report(Reason.RATE_LIMITED, since, limitedUntil));
        }
        if (now.isBefore(since.plus(state.silentAfter()))) {
            return Optional.empty();
        }
        return Optional.of(
                new Report(
                        state.lastPollFailed() ? Reason.FAILING : Reason.NO_ITEMS,
                        since,
                        limitedUntil));
    }

    /**
     * True when the source, asked at {@code observedAt}, refuses requests until {@code until}:
     * longer than the threshold, so it is worth a page rather than a wait.
     */
    public boolean beyondThreshold(Instant observedAt, Instant until) {
        return observedAt != null
                && until != null
                && Duration.between(observedAt, until).compareTo(rateLimitAlertAfter) > 0;
    }

    /**
     * Whether a successful poll at {@code at} ends an open silence reported for {@code reason}: a
     * rate-limited silence ends with the first successful poll (even without a new post) unless
     * that poll used the last request and the source is again out of requests beyond the threshold;
     * the other silences end only with a new post.
     */
    public boolean successEnds(Reason reason, Instant at, Instant stillLimitedUntil) {
        return reason == Reason.RATE_LIMITED && !beyondThreshold(at, stillLimitedUntil);
    }

    /** How long a silence lasted: to its first new post, else to when it ended. */
    public static Duration silentFor(Instant silentSince, Instant firstItemAt, Instant endedAt) {
        var end = firstItemAt != null ? firstItemAt : endedAt;
        return end.isBefore(silentSince) ? Duration.ZERO : Duration.between(silentSince, end);
    }

    private static Instant limitedAt(Instant until, Instant now) {
        return until != null && until.isAfter(now) ? until : null;
    }
}
