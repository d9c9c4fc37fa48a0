package org.caresignal.sentiment.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caresignal.sentiment.domain.SentimentModel;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void eceIsTheRowWeightedGapBetweenConfidenceAndAccuracyPerBin() {
        // Two rows at 0.9 confidence, one right, one wrong: gap 0.4 on both; two rows at 0.5
        // (bin 7), both right: gap 0.5 on both. (2 * 0.4 + 2 * 0.5) / 4 = 0.45.
        var p =
                List.of(
                        new double[] {0.9, 0.05, 0.05},
                        new double[] {0.9, 0.05, 0.05},
                        new double[] {0.25, 0.5, 0.25},
                        new double[] {0.25, 0.25, 0.5});
        int[] labels = {0, 1, 1, 2};

        assertThat(Calibration.ece(p, labels)).isCloseTo(0.45, within(1e-12));
        assertThat(Calibration.reliability(p, labels))
                .contains("0.867-0.933")
                .contains("0.467-0.533");
    }

    @Test
    void aPerfectlyCalibratedSourceHasASmallEce() {
        var random = new Random(1);
        var p = new ArrayList<double[]>();
        int[] labels = new int[20_000];
        for (int i = 0; i < labels.length; i++) {
            double top = 0.4 + 0.6 * random.nextDouble();
            double[] row = {top, (1 - top) / 2, (1 - top) / 2};
            p.add(row);
            labels[i] = random.nextDouble() < top ? 0 : 1 + random.nextInt(2);
        }

        assertThat(Calibration.ece(p, labels)).isLessThan(0.02);
    }

    /** Scores drawn so that softmax(scores / 3) is the true distribution: T should come out 3. */
    @Test
    void temperatureScalingRecoversTheTemperatureAndLowersTheError() {
        var random = new Random(7);
        var scores = new ArrayList<double[]>();
        int[] labels = new int[20_000];
        for (int i = 0; i < labels.length; i++) {
            double[] s = {
                3 * random.nextGaussian(), 3 * random.nextGaussian(), 3 * random.nextGaussian()
            };
            double[] truth = SentimentModel.softmax(new double[] {s[0] / 3, s[1] / 3, s[2] / 3});
            double u = random.nextDouble();
            labels[i] = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
            scores.add(s);
        }
        var fit = Calibration.temperature(scores, labels);
        var identity = Calibration.Fit.identity();

        assertThat(1 / fit.scale()[0]).isCloseTo(3, within(0.15));
        assertThat(Calibration.nll(scores, labels, fit))
                .isLessThan(Calibration.nll(scores, labels, identity));
        assertThat(Calibration.ece(scores.stream().map(fit::apply).toList(), labels))
                .isLessThan(Calibration.ece(scores.stream().map(identity::apply).toList(), labels));
        var vector = Calibration.vector(scores, labels);
        assertThat(Calibration.nll(scores, labels, vector))
                .isLessThanOrEqualTo(Calibration.nll(scores, labels, fit));
    }

    @Test
    void theUncertainBandCoversTheVerdictsThatAreAsLikelyWrongAsRight() {
        var p = new ArrayList<double[]>();
        var labels = new ArrayList<Integer>();
        // 100 rows at 0.45 right 40% of the time, 100 at 0.62 right 70%, 100 at 0.9 right 90%.
        for (var band : new double[][] {{0.45, 40}, {0.62, 70}, {0.9, 90}}) {
            for (int i = 0; i < 100; i++) {
                p.add(new double[] {band[0], (1 - band[0]) / 2, (1 - band[0]) / 2});
                labels.add(i < band[1] ? 0 : 1);
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();

        // Below 0.46 .. 0.62 only the 0.45 rows fall (40% right); from 0.63 the 0.62 rows join
        // them and the band is right 55% of the time: the threshold is 0.62.
        assertThat(Calibration.uncertainThreshold(p, y)).isEqualTo(0.62);
        var band = Calibration.band(p, y, 0.5);
        assertThat(band.uncertain()).isEqualTo(100);
        assertThat(band.uncertainAccuracy()).isCloseTo(0.4, within(1e-12));
        assertThat(band.certainAccuracy()).isCloseTo(0.8, within(1e-12));
    }
}
