package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyChartTest {

    private static final List<LatencyChart.Point> SWEEP =
            List.of(
                    new LatencyChart.Point(12.5, 400, 900, 1_200),
                    new LatencyChart.Point(25, 600, 1_500, 2_500),
                    new LatencyChart.Point(37.5, 1_100, 4_000, 6_000),
                    new LatencyChart.Point(50, 9_000, 30_000, 41_000));

    @Test
    void writesAPngOfTheSizeAsked(@TempDir Path dir) throws Exception {
        var png = dir.resolve("charts/latency.png");

        LatencyChart.write(SWEEP, "latency", png, 900, 560);

        assertThat(Files.size(png)).isPositive();
        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo(900);
        assertThat(read.getHeight()).isEqualTo(560);
    }

    @Test
    void eachPointIsDrawnInItsSeriesColourWhereTheAxesPutIt() {
        var image = LatencyChart.render(SWEEP, "latency", 900, 560);
        var frame = LatencyChart.Frame.of(SWEEP, 900, 560);

        // The p99 series is drawn last: its markers are on top.
        for (var point : SWEEP) {
            assertThat(colourAt(image, frame.x(point.rate()), frame.y(point.p99())))
                    .isEqualTo(LatencyChart.P99);
        }
        var quiet = SWEEP.get(0);
        assertThat(colourAt(image, frame.x(quiet.rate()), frame.y(quiet.p50())))
                .isEqualTo(LatencyChart.P50);
    }

    @Test
    void higherLatenciesAreHigherUpAndHigherRatesFurtherRight() {
        var frame = LatencyChart.Frame.of(SWEEP, 900, 560);

        assertThat(frame.y(30_000)).isLessThan(frame.y(1_000));
        assertThat(frame.x(50)).isGreaterThan(frame.x(12.5));
        // Every value fits: the axes reach past the extremes.
        assertThat(frame.maxRate()).isGreaterThanOrEqualTo(50);
        assertThat(frame.maxMs()).isGreaterThanOrEqualTo(41_000);
        assertThat(frame.minMs()).isLessThanOrEqualTo(400);
    }

    @Test
    void anEmptySweepIsRefused() {
        assertThatThrownBy(() -> LatencyChart.render(List.of(), "latency", 900, 560))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tickLabelsSwitchToSecondsFromOneSecond() {
        assertThat(LatencyChart.msLabel(500)).isEqualTo("500 ms");
        assertThat(LatencyChart.msLabel(2_000)).isEqualTo("2 s");
        assertThat(LatencyChart.niceStep(7)).isEqualTo(10);
        assertThat(LatencyChart.niceStep(1.3)).isEqualTo(2);
    }

    private static Color colourAt(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }
}
