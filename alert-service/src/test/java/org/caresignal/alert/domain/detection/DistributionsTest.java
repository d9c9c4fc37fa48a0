package org.caresignal.alert.domain.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class DistributionsTest {

    @Test
    void logGammaMatchesFactorials() {
        assertThat(Distributions.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(Distributions.logGamma(11)).isCloseTo(Math.log(3_628_800), within(1e-9));
        assertThat(Distributions.logGamma(0.5))
                .isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-9));
    }

    @Test
    void poissonTailMatchesTheClosedForm() {
        // P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
        double expected = 1 - Math.exp(-1) * 2.5;
        assertThat(Distributions.countUpperTail(3, 1.0, 1.0))
                .isCloseTo(expected, Percentage.withPercentage(1e-6));
    }

    @Test
    void negativeBinomialTailMatchesTheGeometricCase() {
        // r = 1 (mean 4, dispersion 5) is geometric: P(X >= x) = q^x with q = mean / (1 + mean).
        assertThat(Distributions.countUpperTail(10, 4.0, 5.0))
                .isCloseTo(Math.pow(0.8, 10), Percentage.withPercentage(1e-6));
    }

    @Test
    void overdispersionMakesTheSameExcessLessSurprising() {
        double poisson = Distributions.countUpperTail(30, 10, 1.0);
        double overdispersed = Distributions.countUpperTail(30, 10, 6.0);
        assertThat(poisson).isLessThan(1e-6);
        assertThat(overdispersed).isGreaterThan(1e-3);
    }

    @Test
    void farTailsDoNotUnderflowToZeroTooEarly() {
        assertThat(Distributions.countUpperTail(5_000, 500, 20)).isPositive().isLessThan(1e-20);
    }

    @Test
    void aCountAtOrBelowTheMeanGivesNoEvidence() {
        assertThat(Distributions.countUpperTail(3, 5, 2)).isEqualTo(1.0);
    }

    @Test
    void normalTail() {
        assertThat(Distributions.normalUpperTail(1.959964)).isCloseTo(0.025, within(1e-6));
        assertThat(Distributions.normalUpperTail(6)).isCloseTo(9.8659e-10, within(1e-13));
        assertThat(Distributions.normalUpperTail(-1.959964)).isCloseTo(0.975, within(1e-6));
    }

    @Test
    void wilsonLowerBoundIsTightOnlyWithVolume() {
        assertThat(Distributions.wilsonLower(3, 4, 1.645)).isLessThan(0.4);
        assertThat(Distributions.wilsonLower(300, 400, 1.645)).isGreaterThan(0.71);
        assertThat(Distributions.wilsonLower(0, 0, 1.645)).isZero();
    }
}
