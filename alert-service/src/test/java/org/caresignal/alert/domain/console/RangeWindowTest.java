package org.caresignal.alert.domain.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RangeWindowTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void theLast24HoursEndWithTheHourThatHoldsNow() {
        var now = Instant.parse("2026-03-10T15:42:00Z");
        var w = RangeWindow.of(Range.last24h(), CHICAGO, now);
        assertThat(w.to()).isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));
        assertThat(w.from()).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
        assertThat(w.comparisonBucket()).isEqualTo("hour");
        assertThat(w.previous(4).from()).isEqualTo(Instant.parse("2026-03-05T16:00:00Z"));
        assertThat(w.contains(now)).isTrue();
        assertThat(w.contains(w.to())).isFalse();
    }

    @Test
    void daysAreLocalDaysOfTheBrandsZoneAcrossAClockChange() {
        // Chicago springs forward on 2026-03-08: that local day has 23 hours.
        var now = Instant.parse("2026-03-10T15:00:00Z"); // 10:00 CDT
        var w = RangeWindow.of(Range.last7d(), CHICAGO, now);
        assertThat(w.to()).isEqualTo(Instant.parse("2026-03-11T05:00:00Z")); // midnight CDT
        assertThat(w.from()).isEqualTo(Instant.parse("2026-03-04T06:00:00Z")); // midnight CST
        assertThat(Duration.between(w.from(), w.to())).isEqualTo(Duration.ofHours(7 * 24 - 1));
        assertThat(w.days()).isEqualTo(7);
        assertThat(w.comparisonBucket()).isEqualTo("day");
        var before = w.previous(1);
        assertThat(before.to()).isEqualTo(w.from());
        assertThat(before.from()).isEqualTo(Instant.parse("2026-02-25T06:00:00Z"));
    }

    @Test
    void aCustomRangeRunsFromTheFirstDaysMidnightToTheMidnightAfterTheLast() {
        var w =
                RangeWindow.of(
                        Range.days(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-06")),
                        CHICAGO,
                        Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(w.from()).isEqualTo(Instant.parse("2026-01-05T06:00:00Z"));
        assertThat(w.to()).isEqualTo(Instant.parse("2026-01-07T06:00:00Z"));
        assertThat(w.previous(2).from()).isEqualTo(Instant.parse("2026-01-01T06:00:00Z"));
    }

    @Test
    void theFormIsReadWithMessagesForPeople() {
        assertThat(Range.parse(null, null, null)).isEqualTo(Range.last24h());
        assertThat(Range.parse("30d", "", "")).isEqualTo(Range.last30d());
        assertThat(Range.parse("", "2026-01-01", "2026-01-02").kind()).isEqualTo(Range.Kind.CUSTOM);
        assertThatThrownBy(() -> Range.parse("week", null, null))
                .hasMessage("Range must be one of 24h, 7d, 30d or custom.");
        assertThatThrownBy(() -> Range.parse("custom", "2026-01-03", "2026-01-02"))
                .hasMessage("The last day must not be before the first.");
        assertThatThrownBy(() -> Range.parse("custom", "yesterday", "2026-01-02"))
                .hasMessage("The first day must be a date.");
        assertThatThrownBy(() -> Range.parse("custom", "2020-01-01", "2026-01-02"))
                .hasMessageContaining("at most 366 days");
    }
}
