package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinuteCountsTest {

    private static final Instant T = Instant.parse("2026-08-01T12:30:20Z");

    @Test
    void countsTheCurrentMinuteAndTheFiftyNineBefore() {
        var c = new MinuteCounts();
        c.add(T, 2);
        c.add(T.plusSeconds(30), 3);
        c.add(T.minusSeconds(59 * 60), 4);
        c.add(T.minusSeconds(61 * 60), 100);
        // At 12:30:59 the window is 11:31 to 12:30: the 11:29 minute is out, 11:31 in.
        assertThat(c.lastHour(Instant.parse("2026-08-01T12:30:59Z"))).isEqualTo(9);
        // At 12:31:00 it is 11:32 to 12:31: the 11:31 minute has left it.
        assertThat(c.lastHour(Instant.parse("2026-08-01T12:31:00Z"))).isEqualTo(5);
        assertThat(c.lastHour(T.plusSeconds(3600))).isZero();
    }

    @Test
    void restoresStoredMinutesAndIgnoresZeroOrNegativeAdditions() {
        var c = new MinuteCounts();
        c.add(T, 0);
        c.add(T, -3);
        assertThat(c.lastHour(T)).isZero();
        c.restore(
                Map.of(
                        MinuteCounts.minuteOf(T),
                        7L,
                        MinuteCounts.minuteOf(T).minusSeconds(60),
                        1L));
        c.add(T, 1);
        assertThat(c.lastHour(T)).isEqualTo(9);
    }

    @Test
    void theWindowStartsFiftyNineMinutesBeforeTheCurrentMinute() {
        assertThat(MinuteCounts.minuteOf(T)).isEqualTo(Instant.parse("2026-08-01T12:30:00Z"));
        assertThat(MinuteCounts.windowStart(T)).isEqualTo(Instant.parse("2026-08-01T11:31:00Z"));
    }
}
