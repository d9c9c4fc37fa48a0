package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettledMarkTest {

    private static final Instant WALL = Instant.parse("2026-11-24T23:00:00Z");
    private static final Instant EVENT = Instant.parse("2026-11-24T17:00:00Z");

    private static Instant wall(double seconds) {
        return WALL.plusMillis((long) (seconds * 1000));
    }

    private static Instant event(int minutes) {
        return EVENT.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void anEventTimeIsTrustedOnlyOnceItHasStoodForTheSettleTime() {
        var mark = new SettledMark(Duration.ofSeconds(5));

        assertThat(mark.observe(event(0), wall(0))).isNull();
        // A backlog: an hour of event time in two seconds; nothing closes yet.
        assertThat(mark.observe(event(30), wall(1))).isNull();
        assertThat(mark.observe(event(60), wall(2))).isNull();
        // Five seconds after the first sighting, that sighting settles; the newest is the next.
        assertThat(mark.observe(event(61), wall(5))).isEqualTo(event(0));
        assertThat(mark.observe(event(62), wall(9.9))).isEqualTo(event(0));
        assertThat(mark.observe(event(62), wall(10))).isEqualTo(event(61));
        // Quiet afterwards: the last newest settles on a later observation (the tick).
        assertThat(mark.observe(event(62), wall(15))).isEqualTo(event(62));
        assertThat(mark.observe(event(62), wall(60))).isEqualTo(event(62));
    }

    @Test
    void theMarkNeverMovesBackAndAnUnknownNewestChangesNothing() {
        var mark = new SettledMark(Duration.ofSeconds(1));
        mark.observe(event(10), wall(0));
        assertThat(mark.observe(event(20), wall(1))).isEqualTo(event(10));
        assertThat(mark.observe(null, wall(1.5))).isEqualTo(event(10));
        // An older newest (another instance's view, or a reset state) cannot pull the mark back.
        assertThat(mark.observe(event(5), wall(2))).isEqualTo(event(20));
        assertThat(mark.observe(event(5), wall(3))).isEqualTo(event(20));
    }

    @Test
    void withoutASettleTimeTheNewestEventTimeIsTheMarkAtOnce() {
        var mark = new SettledMark(Duration.ZERO);
        assertThat(mark.observe(event(3), wall(0))).isEqualTo(event(3));
        assertThat(mark.observe(event(9), wall(0))).isEqualTo(event(9));
        assertThatThrownBy(() -> new SettledMark(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
