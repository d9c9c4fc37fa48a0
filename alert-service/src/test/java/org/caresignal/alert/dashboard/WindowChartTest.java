package org.caresignal.alert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.caresignal.alert.domain.detection.Bucket;
import org.caresignal.alert.domain.incident.Explanation;
import org.junit.jupiter.api.Test;

class WindowChartTest {

    private static final Duration FIVE = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-01-06T02:00:00Z");
    private static final Explanation.Window WINDOW =
            new Explanation.Window(START, START.plus(Duration.ofMinutes(10)));

    @Test
    void theRangeHoldsContextBeforeAndAfterTheWindowButNotTheFuture() {
        var later = Instant.parse("2026-02-01T00:00:00Z");
        var range = WindowChart.range(WINDOW, FIVE, later);
        // Two window buckets: 12 buckets (the minimum) before and after.
        assertThat(range.from()).isEqualTo(START.minus(Duration.ofMinutes(60)));
        assertThat(range.to()).isEqualTo(START.plus(Duration.ofMinutes(10 + 60)));

        var soon = START.plus(Duration.ofMinutes(17));
        assertThat(WindowChart.range(WINDOW, FIVE, soon).to())
                .as("ends with the bucket holding now")
                .isEqualTo(START.plus(Duration.ofMinutes(20)));

        var day = new Explanation.Window(START, START.plus(Duration.ofDays(2)));
        var capped = WindowChart.range(day, FIVE, later);
        assertThat(Duration.between(capped.from(), capped.to()).toMinutes() / 5)
                .isLessThanOrEqualTo(WindowChart.MAX_BUCKETS);
        assertThat(capped.from()).isBeforeOrEqualTo(day.start());
    }

    @Test
    void countsAreSpreadOverTheWindowAndEmptyBucketsAreZero() {
        var range = new WindowChart.Range(START.minus(FIVE), START.plus(Duration.ofMinutes(15)));
        var buckets =
                List.of(
                        new Bucket(START.minus(FIVE), 4, 1),
                        new Bucket(START, 20, 12),
                        new Bucket(START.plus(FIVE), 18, 10));
        var points =
                WindowChart.points(
                        buckets,
                        range,
                        WINDOW,
                        new Explanation.Baseline("negative-count", 22, 3),
                        FIVE);
        assertThat(points).hasSize(4);
        assertThat(points.get(0).inWindow()).isFalse();
        assertThat(points.get(0).expected()).isNull();
        assertThat(points.get(0).value()).isEqualTo(1);
        assertThat(points.get(1).inWindow()).isTrue();
        assertThat(points.get(1).value()).isEqualTo(12);
        assertThat(points.get(1).expected()).isEqualTo(1.5);
        assertThat(points.get(2).expected()).isEqualTo(1.5);
        assertThat(points.get(3).total()).isZero();
        assertThat(points.get(3).inWindow()).isFalse();

        var share =
                WindowChart.points(
                        buckets,
                        range,
                        WINDOW,
                        new Explanation.Baseline("negative-share", 0.58, 0.2),
                        FIVE);
        assertThat(share.get(1).value()).isEqualTo(60);
        assertThat(share.get(1).expected())
                .isEqualTo(20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(share.get(3).value()).as("an empty bucket has no share").isZero();
        assertThat(WindowChart.measureLabel("negative-share")).isEqualTo("Negative share (%)");
    }

    @Test
    void theOutlineBreaksWhereThereIsNoExpectation() {
        assertThat(WindowChart.path(Arrays.asList(null, 2.0, 2.0, null), 4, 300, 100))
                .isEqualTo("M100,50 L200,50");
        assertThat(WindowChart.path(List.of(0.0, 4.0), 4, 100, 100)).isEqualTo("M0,99 L100,1");
        assertThat(WindowChart.path(List.of(), 0, 100, 100)).isEmpty();
        assertThat(WindowChart.format(1.5)).isEqualTo("1.5");
        assertThat(WindowChart.format(12)).isEqualTo("12");
    }
}
