package org.caresignal.alert.domain.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.caresignal.alert.domain.console.OverviewFigures.Counts;
import org.junit.jupiter.api.Test;

class OverviewFiguresTest {

    @Test
    void theUsualVolumeIsTheMeanOfTheEarlierRanges() {
        var earlier =
                List.of(
                        new Counts(10, 2, 6, 2),
                        new Counts(20, 4, 12, 4),
                        new Counts(30, 3, 20, 7),
                        new Counts(0, 0, 0, 0));
        assertThat(OverviewFigures.usualVolume(earlier)).isEqualTo(15.0);
        assertThat(OverviewFigures.usualVolume(List.of())).isNull();
    }

    @Test
    void theUsualNegativeShareWeighsEveryMentionTheSame() {
        // 9 negative of 60: 15 %, not the mean of the ranges' shares (20 %, 20 %, 10 %).
        var earlier =
                List.of(
                        new Counts(10, 2, 8, 0),
                        new Counts(20, 4, 16, 0),
                        new Counts(30, 3, 27, 0));
        assertThat(OverviewFigures.usualNegativeShare(earlier)).isCloseTo(0.15, within(1e-9));
        assertThat(OverviewFigures.usualNegativeShare(List.of(Counts.ZERO))).isNull();
    }

    @Test
    void shareAndNetSentimentAreOverTheMentionsTakingPartNotTheVolume() {
        // 20 mentions, 10 of them left out by the brand's uncertain policy (or unread): 4 negative,
        // 4 neutral, 2 positive take part.
        var counts = new Counts(20, 4, 4, 2);
        assertThat(counts.assessed()).isEqualTo(10);
        assertThat(OverviewFigures.share(counts.negative(), counts.assessed()))
                .isCloseTo(0.4, within(1e-9));
        assertThat(OverviewFigures.netSentiment(counts)).isCloseTo(-20.0, within(1e-9));
        assertThat(OverviewFigures.usualNegativeShare(List.of(counts, new Counts(5, 0, 0, 0))))
                .as("a range of only left-out mentions adds nothing to the share")
                .isCloseTo(0.4, within(1e-9));
        assertThat(OverviewFigures.netSentiment(new Counts(5, 0, 0, 0))).isNull();
    }

    @Test
    void aChangeIsRelativeToTheUsualLevelAndUnknownWithoutOne() {
        assertThat(OverviewFigures.change(30, 15.0)).isCloseTo(1.0, within(1e-9));
        assertThat(OverviewFigures.change(5, 20.0)).isCloseTo(-0.75, within(1e-9));
        assertThat(OverviewFigures.change(5, 0.0)).isNull();
        assertThat(OverviewFigures.change(5, null)).isNull();
        assertThat(OverviewFigures.pointChange(0.40, 0.15)).isCloseTo(0.25, within(1e-9));
        assertThat(OverviewFigures.pointChange(null, 0.15)).isNull();
    }

    @Test
    void netSentimentRunsFromMinusToPlusHundred() {
        assertThat(OverviewFigures.netSentiment(new Counts(20, 10, 5, 5))).isEqualTo(-25.0);
        assertThat(OverviewFigures.netSentiment(new Counts(4, 0, 0, 4))).isEqualTo(100.0);
        assertThat(OverviewFigures.netSentiment(new Counts(4, 4, 0, 0))).isEqualTo(-100.0);
        assertThat(OverviewFigures.netSentiment(Counts.ZERO)).isNull();
        assertThat(OverviewFigures.share(3, 0)).isNull();
        assertThat(OverviewFigures.share(3, 12)).isEqualTo(0.25);
    }
}
