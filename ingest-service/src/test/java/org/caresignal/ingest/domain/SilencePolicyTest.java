package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.caresignal.ingest.domain.SilencePolicy.Reason;
import org.caresignal.ingest.domain.SilencePolicy.State;
import org.junit.jupiter.api.Test;

class SilencePolicyTest {

    private static final Instant LAST_ITEM = Instant.parse("2026-11-24T14:03:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private final SilencePolicy policy = new SilencePolicy(Duration.ofMinutes(15));

    private static State quiet(boolean failed) {
        return new State(true, LAST_ITEM, SIX_HOURS, null, false, null, null, failed);
    }

    private static State limited(Instant at, Instant until) {
        return new State(true, LAST_ITEM, SIX_HOURS, null, false, at, until, true);
    }

    @Test
    void aQuietSourceIsReportedOnceItsSilentAfterHasPassedWithTheReasonOfItsLastPoll() {
        var due = LAST_ITEM.plus(SIX_HOURS);
        assertThat(policy.check(quiet(false), due.minusSeconds(1))).isEmpty();
        var report = policy.check(quiet(false), due).orElseThrow();
        assertThat(report.reason()).isEqualTo(Reason.NO_ITEMS);
        assertThat(report.silentSince()).isEqualTo(LAST_ITEM);
        assertThat(report.rateLimitedUntil()).isNull();
        assertThat(policy.check(quiet(true), due).orElseThrow().reason()).isEqualTo(Reason.FAILING);
    }

    @Test
    void aRateLimitLongerThanTheThresholdIsReportedAtOnceAndAShorterOneWaitsForSilentAfter() {
        var at = LAST_ITEM.plus(Duration.ofMinutes(40));
        // X's monthly usage cap: the source refuses requests until the first of the month.
        var capped = limited(at, Instant.parse("2026-12-01T00:00:00Z"));
        var report = policy.check(capped, at.plusSeconds(1)).orElseThrow();
        assertThat(report.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(report.rateLimitedUntil()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(report.silentSince()).isEqualTo(LAST_ITEM);

        // Reddit's 10-minute window (X-Ratelimit-Reset: 600) is no reason to page...
        var window = limited(at, at.plusSeconds(600));
        assertThat(policy.check(window, at.plusSeconds(1))).isEmpty();
        // ...nor exactly the threshold; one second more is.
        assertThat(policy.check(limited(at, at.plus(Duration.ofMinutes(15))), at)).isEmpty();
        assertThat(policy.check(limited(at, at.plus(Duration.ofMinutes(15)).plusSeconds(1)), at))
                .isPresent();
        // A silentAfter reached while briefly limited is a failing source, with the limit shown.
        var late = LAST_ITEM.plus(SIX_HOURS);
        var brief = limited(late.minusSeconds(30), late.plusSeconds(300));
        var failing = policy.check(brief, late).orElseThrow();
        assertThat(failing.reason()).isEqualTo(Reason.FAILING);
        assertThat(failing.rateLimitedUntil()).isEqualTo(late.plusSeconds(300));
    }

    @Test
    void aLimitThatHasPassedIsNotReported() {
        var at = LAST_ITEM.plus(Duration.ofMinutes(40));
        var until = at.plus(Duration.ofHours(1));
        assertThat(policy.check(limited(at, until), until)).isEmpty();
        assertThat(policy.check(limited(at, until), until.plusSeconds(1))).isEmpty();
    }

    @Test
    void aSilenceIsReportedOnceAndNeverWhileDisabledOrWhileARecoveryIsPending() {
        var at = LAST_ITEM.plus(Duration.ofMinutes(40));
        var until = Instant.parse("2026-12-01T00:00:00Z");
        var reported = new State(true, LAST_ITEM, SIX_HOURS, at, false, at, until, true);
        assertThat(policy.check(reported, at.plusSeconds(5))).isEmpty();
        assertThat(policy.check(reported, LAST_ITEM.plus(Duration.ofDays(2)))).isEmpty();
        // A silence reported before the last new post is over: the next one is reported again.
        var older =
                new State(
                        true,
                        LAST_ITEM,
                        SIX_HOURS,
                        LAST_ITEM.minusSeconds(1),
                        false,
                        at,
                        until,
                        true);
        assertThat(policy.check(older, at.plusSeconds(5))).isPresent();

        var disabled = new State(false, LAST_ITEM, SIX_HOURS, null, false, at, until, true);
        assertThat(policy.check(disabled, LAST_ITEM.plus(Duration.ofDays(2)))).isEmpty();
        var pending = new State(true, LAST_ITEM, SIX_HOURS, null, true, at, until, true);
        assertThat(policy.check(pending, LAST_ITEM.plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void onlyARateLimitedSilenceEndsWithASuccessfulPollThatIsNotLimitedAgain() {
        var at = Instant.parse("2026-12-01T00:00:05Z");
        assertThat(policy.successEnds(Reason.RATE_LIMITED, at, null)).isTrue();
        // The poll used the last request of a short window: still a successful delivery.
        assertThat(policy.successEnds(Reason.RATE_LIMITED, at, at.plusSeconds(300))).isTrue();
        // The poll succeeded but the source is out of requests for hours again.
        assertThat(policy.successEnds(Reason.RATE_LIMITED, at, at.plus(Duration.ofHours(2))))
                .isFalse();
        assertThat(policy.successEnds(Reason.NO_ITEMS, at, null)).isFalse();
        assertThat(policy.successEnds(Reason.FAILING, at, null)).isFalse();
        assertThat(policy.successEnds(null, at, null)).isFalse();
    }

    @Test
    void aSilenceLastsToItsFirstNewPostElseToWhenItEnded() {
        var since = Instant.parse("2026-11-24T14:03:00Z");
        var item = Instant.parse("2026-11-24T21:40:00Z");
        var ended = Instant.parse("2026-11-24T21:40:01Z");
        assertThat(SilencePolicy.silentFor(since, item, ended))
                .isEqualTo(Duration.parse("PT7H37M"));
        assertThat(SilencePolicy.silentFor(since, null, ended))
                .isEqualTo(Duration.parse("PT7H37M1S"));
        assertThat(SilencePolicy.silentFor(since, null, since.minusSeconds(1)))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThatThrownBy(() -> new SilencePolicy(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SilencePolicy(Duration.ZERO).beyondThreshold(LAST_ITEM, LAST_ITEM))
                .isFalse();
    }
}
