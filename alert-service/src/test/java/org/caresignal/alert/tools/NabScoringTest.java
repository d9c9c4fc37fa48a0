package org.caresignal.alert.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The NAB scorer on a tiny hand-made file: 100 rows of 5 minutes, so the probation is the first 15
 * rows; one window on rows 40-49 (width 10). The expected numbers are worked out by hand from NAB's
 * definitions: scaled sigmoid {@code S(y) = 2 / (1 + e^(5y)) - 1}, {@code S(-1) = 0.986614}.
 */
class NabScoringTest {

    private static final Instant T0 = Instant.parse("2015-03-01T00:00:00Z");
    private static final List<Instant> TIMES =
            IntStream.range(0, 100).mapToObj(i -> T0.plus(Duration.ofMinutes(5L * i))).toList();
    private static final List<NabScoring.Window> WINDOW =
            List.of(new NabScoring.Window(at(40), at(49)));
    private static final NabScoring.Profile STANDARD = profile("standard");
    private static final NabScoring.Profile LOW_FP = profile("reward_low_FP_rate");
    private static final NabScoring.Profile LOW_FN = profile("reward_low_FN_rate");

    @Test
    void profilesAreNabs() {
        assertThat(NabScoring.Profile.NAB)
                .containsExactly(
                        new NabScoring.Profile("standard", 1.0, 0.11, 1.0),
                        new NabScoring.Profile("reward_low_FP_rate", 1.0, 0.22, 1.0),
                        new NabScoring.Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertThat(NabScoring.probationRows(100)).isEqualTo(15);
        assertThat(NabScoring.probationRows(4000)).isEqualTo(600);
        assertThat(NabScoring.probationRows(15_900)).isEqualTo(750);
    }

    @Test
    void perfectDetectorScores100AndNullDetectorZero() {
        for (var p : NabScoring.Profile.NAB) {
            var perfect = NabScoring.score(TIMES, detections(40), WINDOW, p);
            var none = NabScoring.score(TIMES, detections(), WINDOW, p);

            assertThat(perfect.raw()).isCloseTo(p.tp(), within(1e-12));
            assertThat(perfect.normalised()).isCloseTo(100.0, within(1e-9));
            assertThat(none.raw()).isCloseTo(-p.fn(), within(1e-12));
            assertThat(none.normalised()).isCloseTo(0.0, within(1e-9));
            assertThat(none.detected()).isZero();
        }
    }

    @Test
    void detectionHalfwayEarnsTheSigmoidOfItsPosition() {
        // Row 45: position -(49 - 45 + 1) / 10 = -0.5, S = 0.848283, / S(-1) = 0.859793.
        var score = NabScoring.score(TIMES, detections(45), WINDOW, STANDARD);

        assertThat(score.raw()).isCloseTo(0.859793, within(1e-6));
        assertThat(score.normalised()).isCloseTo(92.9896, within(1e-4));
        // reward_low_FN_rate: null -2, perfect 1: 100 (0.859793 + 2) / 3.
        assertThat(NabScoring.score(TIMES, detections(45), WINDOW, LOW_FN).normalised())
                .isCloseTo(95.3264, within(1e-4));
    }

    @Test
    void earlyDetectionScoresMoreThanLateAndOnlyTheFirstCounts() {
        var early = NabScoring.score(TIMES, detections(41), WINDOW, STANDARD);
        var late = NabScoring.score(TIMES, detections(48), WINDOW, STANDARD);
        var both = NabScoring.score(TIMES, detections(41, 48), WINDOW, STANDARD);

        // Row 41: S(-0.9) / S(-1) = 0.991295; row 48: S(-0.2) / S(-1) = 0.468387.
        assertThat(early.raw()).isCloseTo(0.991295, within(1e-6));
        assertThat(late.raw()).isCloseTo(0.468387, within(1e-6));
        assertThat(early.normalised()).isGreaterThan(late.normalised());
        assertThat(both.raw()).isEqualTo(early.raw());
        assertThat(both.falsePositives()).isZero();
    }

    @Test
    void falsePositiveLowersTheScoreByItsProfileWeight() {
        // Row 20 precedes every window: full weight, -0.11 (standard) and -0.22 (low FP).
        var standard = NabScoring.score(TIMES, detections(20, 40), WINDOW, STANDARD);
        var lowFp = NabScoring.score(TIMES, detections(20, 40), WINDOW, LOW_FP);

        assertThat(standard.falsePositives()).isEqualTo(1);
        assertThat(standard.raw()).isCloseTo(0.89, within(1e-12));
        assertThat(standard.normalised()).isCloseTo(94.5, within(1e-9));
        assertThat(lowFp.normalised()).isCloseTo(89.0, within(1e-9));
    }

    @Test
    void falsePositiveJustAfterWindowCostsLessThanOneFarAway() {
        // Row 50: (50 - 49) / (49 - 40) = 1/9 after the window, S = -0.270847, times 0.11.
        var justAfter = NabScoring.score(TIMES, detections(40, 50), WINDOW, STANDARD);
        // Row 99: 50/9 window widths after it, beyond 3: the full -0.11.
        var farAfter = NabScoring.score(TIMES, detections(40, 99), WINDOW, STANDARD);

        assertThat(justAfter.raw()).isCloseTo(1 - 0.0297932, within(1e-6));
        assertThat(farAfter.raw()).isCloseTo(1 - 0.11, within(1e-12));
    }

    @Test
    void detectionsDuringProbationAreIgnored() {
        var score = NabScoring.score(TIMES, detections(3, 14, 40), WINDOW, STANDARD);

        assertThat(score.falsePositives()).isZero();
        assertThat(score.normalised()).isCloseTo(100.0, within(1e-9));
        // A window that ends inside the probation is not scored at all.
        var early = List.of(new NabScoring.Window(at(5), at(10)));
        assertThat(NabScoring.score(TIMES, detections(), early, STANDARD).windows()).isZero();
    }

    @Test
    void setOfFilesIsNormalisedOverTheSums() {
        var perfect = NabScoring.score(TIMES, detections(40), WINDOW, STANDARD);
        var none = NabScoring.score(TIMES, detections(), WINDOW, STANDARD);

        // raw 1 - 1 = 0, null -2, perfect 2: 100 (0 + 2) / 4.
        assertThat(NabScoring.normalised(List.of(perfect, none))).isCloseTo(50.0, within(1e-9));
        assertThat(NabScoring.normalised(List.of())).isNaN();
    }

    @Test
    void commandCountsWindowsFoundAndFalsePagesOverTheWholeSeries() {
        var result = NabScoreCommand.score("s.csv", TIMES, detections(3, 45, 60), WINDOW);

        assertThat(result.windowsFound()).isEqualTo(1);
        assertThat(result.falsePages()).isEqualTo(2);
        assertThat(result.scores())
                .extracting(s -> s.profile().name())
                .containsExactly("standard", "reward_low_FP_rate", "reward_low_FN_rate");
        assertThat(result.scores().get(0).falsePositives()).isEqualTo(1);
    }

    private static Instant at(int row) {
        return TIMES.get(row);
    }

    private static boolean[] detections(int... rows) {
        boolean[] d = new boolean[TIMES.size()];
        for (int r : rows) {
            d[r] = true;
        }
        return d;
    }

    private static NabScoring.Profile profile(String name) {
        return NabScoring.Profile.NAB.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
