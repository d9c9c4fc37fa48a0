package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceHealthStateTest {

    private static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    private static final Instant V1 = Instant.parse("2026-07-01T09:00:00Z");
    private static final Instant V2 = Instant.parse("2026-08-01T11:59:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private static SourceHealthState failing(Instant next, RateLimit limit, boolean rateLimited) {
        return new SourceHealthState(
                NOW.minusSeconds(60),
                NOW.minusSeconds(3600),
                "RATE_LIMITED 429: the source is rate limiting us",
                NOW.minusSeconds(60),
                3,
                rateLimited,
                next,
                limit,
                V1);
    }

    @Test
    void statusFollowsPollsFailuresAndTheSwitch() {
        var initial = SourceHealthState.initial(V1);
        assertThat(initial.status(true)).isEqualTo(SourceHealthState.Status.NEVER_POLLED);
        assertThat(initial.status(false)).isEqualTo(SourceHealthState.Status.DISABLED);
        assertThat(failing(null, null, true).status(true))
                .isEqualTo(SourceHealthState.Status.RATE_LIMITED);
        assertThat(failing(null, null, false).status(true))
                .isEqualTo(SourceHealthState.Status.FAILING);
        var ok =
                new SourceHealthState(
                        NOW, NOW, "old error", NOW.minusSeconds(9), 0, false, null, null, V1);
        assertThat(ok.status(true)).isEqualTo(SourceHealthState.Status.OK);
        assertThat(ok.rateLimit()).isEqualTo(RateLimit.UNKNOWN);
    }

    @Test
    void aNewOwnerKeepsTheStoredScheduleAndNeverAsksBeforeTheSourceAllows() {
        var next = NOW.plusSeconds(600);
        var s = failing(next, RateLimit.UNKNOWN, true);
        // Stored next poll stands.
        assertThat(s.adopt(null)).isEqualTo(s);
        // The connector row says the source refuses requests for longer: that wins.
        assertThat(s.adopt(NOW.plusSeconds(900)).nextPollAt()).isEqualTo(NOW.plusSeconds(900));
        // An earlier limit does not bring the stored schedule forward.
        assertThat(s.adopt(NOW.plusSeconds(60)).nextPollAt()).isEqualTo(next);
        // An exhausted window the source reported counts even without a stored schedule.
        var exhausted = new RateLimit(450L, 0L, NOW.plusSeconds(1200));
        assertThat(failing(null, exhausted, true).adopt(null).nextPollAt())
                .isEqualTo(NOW.plusSeconds(1200));
        // A window with requests left does not hold a poll back.
        var left = new RateLimit(450L, 3L, NOW.plusSeconds(1200));
        assertThat(failing(null, left, false).adopt(null).nextPollAt()).isNull();
    }

    @Test
    void aConfigurationChangeIsPolledAtOnceButNotBeforeTheSourcesLimit() {
        var s = failing(NOW.plusSeconds(1800), RateLimit.UNKNOWN, false);
        assertThat(s.configChanged(V1)).isFalse();
        assertThat(s.configChanged(V2)).isTrue();
        var changed = s.reconfigure(V2, NOW, null);
        assertThat(changed.nextPollAt()).isNull();
        assertThat(changed.configVersion()).isEqualTo(V2);
        assertThat(changed.configChanged(V2)).isFalse();
        // History stays.
        assertThat(changed.lastError()).isEqualTo(s.lastError());
        assertThat(changed.consecutiveFailures()).isEqualTo(3);
        assertThat(changed.lastPollAt()).isEqualTo(s.lastPollAt());
        // A source that refuses requests until later still waits for it.
        assertThat(s.reconfigure(V2, NOW, NOW.plusSeconds(300)).nextPollAt())
                .isEqualTo(NOW.plusSeconds(300));
        var exhausted = new RateLimit(450L, 0L, NOW.plusSeconds(400));
        assertThat(failing(null, exhausted, true).reconfigure(V2, NOW, null).nextPollAt())
                .isEqualTo(NOW.plusSeconds(400));
        // A limit already over does not delay it.
        assertThat(s.reconfigure(V2, NOW, NOW.minusSeconds(5)).nextPollAt()).isNull();
    }

    @Test
    void aCopyIsStaleOnlyWhenItsWriterIsGoneAndItIsOld() {
        var old = NOW.minus(STALE_AFTER).minusSeconds(1);
        var recent = NOW.minus(STALE_AFTER).plusSeconds(1);
        // The writer still owns it: current however old (a connector polled hourly).
        assertThat(
                        SourceHealthState.stale(
                                true, "a", NOW.minusSeconds(7200), "a", NOW, STALE_AFTER))
                .isFalse();
        // Nobody owns it, or someone else does.
        assertThat(SourceHealthState.stale(true, "a", old, null, NOW, STALE_AFTER)).isTrue();
        assertThat(SourceHealthState.stale(true, "a", old, "b", NOW, STALE_AFTER)).isTrue();
        // Not yet old enough: a hand-over in progress.
        assertThat(SourceHealthState.stale(true, "a", recent, null, NOW, STALE_AFTER)).isFalse();
        assertThat(SourceHealthState.stale(true, "a", recent, "b", NOW, STALE_AFTER)).isFalse();
        // Exactly at the limit is not yet stale.
        assertThat(
                        SourceHealthState.stale(
                                true, "a", NOW.minus(STALE_AFTER), null, NOW, STALE_AFTER))
                .isFalse();
        // A disabled connector is meant to have no owner; nothing written is never stale.
        assertThat(SourceHealthState.stale(false, "a", old, null, NOW, STALE_AFTER)).isFalse();
        assertThat(SourceHealthState.stale(true, null, null, null, NOW, STALE_AFTER)).isFalse();
    }

    @Test
    void latestTakesTheLaterOfTwoPossiblyMissingInstants() {
        assertThat(SourceHealthState.latest(null, null)).isNull();
        assertThat(SourceHealthState.latest(NOW, null)).isEqualTo(NOW);
        assertThat(SourceHealthState.latest(null, NOW)).isEqualTo(NOW);
        assertThat(SourceHealthState.latest(NOW, V1)).isEqualTo(NOW);
        assertThat(SourceHealthState.latest(V1, NOW)).isEqualTo(NOW);
    }
}
