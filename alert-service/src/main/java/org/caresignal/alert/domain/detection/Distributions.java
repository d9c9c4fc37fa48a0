package org.caresignal.alert.domain.detection;

/**
 * Upper-tail probabilities for the detector: negative binomial (counts with overdispersion) and
 * standard normal; numbers in, probabilities out.
 */
public final class Distributions {

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };
    private static final double[] ERFC = {
        -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277
    };
    private static final int MAX_TERMS = 200_000;

    private Distributions() {}

    /** Natural log of the gamma function for {@code x > 0} (Lanczos, g = 7). */
    public static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection keeps the approximation accurate near zero.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * {@code P(X >= x)} for a count with mean {@code mean} and variance {@code dispersion * mean}:
     * a negative binomial with size {@code r = mean / (dispersion - 1)}, or a Poisson when the
     * dispersion is (about) 1. Counts at or below the mean give 1 (no evidence of an excess).
     */
    public static double countUpperTail(long x, double mean, double dispersion) {
        if (mean <= 0) {
            return x <= 0 ? 1.0 : 0.0;
        }
        if (x <= mean) {
            return 1.0;
        }
        boolean poisson = dispersion <= 1.0 + 1e-9;
        double r = poisson ? Double.POSITIVE_INFINITY : mean / (dispersion - 1.0);
        double logTerm;
        double q;
        if (poisson) {
            logTerm = x * Math.log(mean) - mean - logGamma(x + 1.0);
            q = 0;
        } else {
            q = mean / (r + mean);
            logTerm =
                    logGamma(x + r)
                            - logGamma(r)
                            - logGamma(x + 1.0)
                            + r * Math.log(r / (r + mean))
                            + x * Math.log(q);
        }
        // Sum the tail upwards in units of the first term, so tiny probabilities do not underflow.
        double sum = 0;
        double term = 1;
        for (long j = x; j < x + MAX_TERMS; j++) {
            sum += term;
            double ratio = poisson ? mean / (j + 1.0) : (j + r) / (j + 1.0) * q;
            term *= ratio;
            if (ratio < 1 && term * ratio / (1 - ratio) < 1e-12 * sum) {
                break;
            }
        }
        return Math.min(1.0, Math.exp(logTerm + Math.log(sum)));
    }

    /** {@code P(Z >= z)} for a standard normal Z, with small relative error far into the tail. */
    public static double normalUpperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function; Chebyshev fit with fractional error below 1.2e-7. */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = 0;
        for (int i = ERFC.length - 1; i >= 0; i--) {
            poly = poly * t + ERFC[i];
        }
        double ans = t * Math.exp(-z * z + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }

    /**
     * Wilson score lower bound of a proportion {@code k / n} at normal quantile {@code z}; 0 when
     * {@code n == 0}.
     */
    public static double wilsonLower(long k, long n, double z) {
        if (n <= 0) {
            return 0;
        }
        double p = (double) k / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0, (centre - margin) / (1 + z2 / n));
    }

    /**
     * {@code P(K >= k)} for a beta-binomial: {@code n} trials whose success probability is drawn
     * from Beta({@code alpha}, {@code beta}); summed in log space from {@code k} up.
     */
    public static double betaBinomialUpperTail(long k, long n, double alpha, double beta) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n) {
            return 0.0;
        }
        double logNorm = logGamma(alpha + beta) - logGamma(alpha) - logGamma(beta);
        double logTotal = logGamma(n + alpha + beta);
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[(int) (n - k + 1)];
        for (long j = k; j <= n; j++) {
            double t =
                    logGamma(n + 1.0)
                            - logGamma(j + 1.0)
                            - logGamma(n - j + 1.0)
                            + logGamma(j + alpha)
                            + logGamma(n - j + beta)
                            - logTotal
                            + logNorm;
            terms[(int) (j - k)] = t;
            max = Math.max(max, t);
        }
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1.0, Math.exp(max) * sum);
    }
}
