package org.caresignal.sentiment.tools;

import java.util.List;
import java.util.Locale;
import org.caresignal.sentiment.domain.SentimentModel;

/**
 * Fits the combiner's calibration on the development split and measures calibration: the expected
 * calibration error over equal-width bins of the top-class confidence, and the choice of the
 * uncertain band. Deterministic (full-batch, fixed iterations), so a retrain gives the same
 * numbers.
 */
final class Calibration {

    /** The bins of the expected calibration error. */
    static final int BINS = 15;

    /** A fitted calibration: {@code softmax(scale * score + shift)}. */
    record Fit(double[] scale, double[] shift) {

        static Fit identity() {
            return new Fit(new double[] {1, 1, 1}, new double[3]);
        }

        double[] apply(double[] scores) {
            double[] logits = new double[3];
            for (int c = 0; c < 3; c++) {
                logits[c] = scale[c] * scores[c] + shift[c];
            }
            return SentimentModel.softmax(logits);
        }
    }

    private Calibration() {}

    /**
     * The expected calibration error: rows binned by their top probability into {@link #BINS}
     * equal-width bins of [0, 1]; the mean over rows of |accuracy - mean confidence| of their bin.
     */
    static double ece(List<double[]> probabilities, int[] labels) {
        double[] confidence = new double[BINS];
        double[] correct = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities.get(i);
            int best = argmax(p);
            int bin = Math.min(BINS - 1, (int) (p[best] * BINS));
            confidence[bin] += p[best];
            correct[bin] += best == labels[i] ? 1 : 0;
            count[bin]++;
        }
        double error = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                error += Math.abs(correct[b] - confidence[b]);
            }
        }
        return labels.length == 0 ? 0 : error / labels.length;
    }

    /** The reliability table behind {@link #ece}: per bin, rows, mean confidence, accuracy. */
    static String reliability(List<double[]> probabilities, int[] labels) {
        double[] confidence = new double[BINS];
        double[] correct = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities.get(i);
            int best = argmax(p);
            int bin = Math.min(BINS - 1, (int) (p[best] * BINS));
            confidence[bin] += p[best];
            correct[bin] += best == labels[i] ? 1 : 0;
            count[bin]++;
        }
        var out = new StringBuilder("  bin          rows  confidence  accuracy\n");
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %.3f-%.3f %6d %10.3f %9.3f%n",
                                (double) b / BINS,
                                (double) (b + 1) / BINS,
                                count[b],
                                confidence[b] / count[b],
                                correct[b] / count[b]));
            }
        }
        return out.toString();
    }

    /** The mean negative log-likelihood of the labels under this calibration. */
    static double nll(List<double[]> scores, int[] labels, Fit fit) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(1e-15, fit.apply(scores.get(i))[labels[i]]));
        }
        return sum / Math.max(1, labels.length);
    }

    /**
     * Temperature scaling: one factor 1/T for all classes, no shift; keeps every verdict (the arg
     * max) and only sharpens or softens the probabilities. T minimizes the NLL on these rows, found
     * by golden-section search over log T in [-3, 3].
     */
    static Fit temperature(List<double[]> scores, int[] labels) {
        double lo = -3;
        double hi = 3;
        double ratio = (Math.sqrt(5) - 1) / 2;
        for (int iteration = 0; iteration < 80; iteration++) {
            double a = hi - ratio * (hi - lo);
            double b = lo + ratio * (hi - lo);
            if (nll(scores, labels, scaled(Math.exp(-a)))
                    < nll(scores, labels, scaled(Math.exp(-b)))) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return scaled(Math.exp(-(lo + hi) / 2));
    }

    private static Fit scaled(double factor) {
        return new Fit(new double[] {factor, factor, factor}, new double[3]);
    }

    /**
     * Vector scaling: a factor and a shift per class minimizing the NLL on these rows (convex in
     * the six parameters); full-batch gradient descent with a step halved whenever it does not
     * improve, for a fixed number of steps.
     */
    static Fit vector(List<double[]> scores, int[] labels) {
        var fit = temperature(scores, labels);
        double[] scale = fit.scale().clone();
        double[] shift = fit.shift().clone();
        double step = 1;
        double current = nll(scores, labels, new Fit(scale, shift));
        for (int iteration = 0; iteration < 500 && step > 1e-9; iteration++) {
            double[] gScale = new double[3];
            double[] gShift = new double[3];
            for (int i = 0; i < labels.length; i++) {
                double[] s = scores.get(i);
                double[] p = new Fit(scale, shift).apply(s);
                for (int c = 0; c < 3; c++) {
                    double d = p[c] - (c == labels[i] ? 1 : 0);
                    gScale[c] += d * s[c];
                    gShift[c] += d;
                }
            }
            double[] nextScale = new double[3];
            double[] nextShift = new double[3];
            for (int c = 0; c < 3; c++) {
                nextScale[c] = scale[c] - step * gScale[c] / labels.length;
                nextShift[c] = shift[c] - step * gShift[c] / labels.length;
            }
            double next = nll(scores, labels, new Fit(nextScale, nextShift));
            if (next < current) {
                scale = nextScale;
                shift = nextShift;
                current = next;
                step *= 1.2;
            } else {
                step /= 2;
            }
        }
        return new Fit(scale, shift);
    }

    /**
     * The uncertain band's threshold: the largest of the candidate thresholds (0.40, 0.41, ...,
     * 0.80) at which the verdicts below it are right at most half of the time on these rows, so
     * that "uncertain" means "as likely wrong as right"; 0.40 if none is.
     */
    static double uncertainThreshold(List<double[]> probabilities, int[] labels) {
        double chosen = 0.40;
        for (int t = 40; t <= 80; t++) {
            double threshold = t / 100.0;
            var band = band(probabilities, labels, threshold);
            if (band.uncertain() > 0 && band.uncertainAccuracy() <= 0.5) {
                chosen = threshold;
            }
        }
        return chosen;
    }

    /** How a threshold splits these rows: the share flagged and the accuracy on each side. */
    record Band(
            double threshold,
            int rows,
            int uncertain,
            double uncertainAccuracy,
            double certainAccuracy) {

        String render() {
            return String.format(
                    Locale.ROOT,
                    "uncertain below %.2f: %d of %d flagged (%.1f%%), right %.1f%% of the time;"
                            + " the others right %.1f%% of the time",
                    threshold,
                    uncertain,
                    rows,
                    rows == 0 ? 0.0 : 100.0 * uncertain / rows,
                    100 * uncertainAccuracy,
                    100 * certainAccuracy);
        }
    }

    static Band band(List<double[]> probabilities, int[] labels, double threshold) {
        int uncertain = 0;
        int uncertainRight = 0;
        int certainRight = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities.get(i);
            int best = argmax(p);
            boolean right = best == labels[i];
            if (p[best] < threshold) {
                uncertain++;
                uncertainRight += right ? 1 : 0;
            } else {
                certainRight += right ? 1 : 0;
            }
        }
        int certain = labels.length - uncertain;
        return new Band(
                threshold,
                labels.length,
                uncertain,
                uncertain == 0 ? 0 : (double) uncertainRight / uncertain,
                certain == 0 ? 0 : (double) certainRight / certain);
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
