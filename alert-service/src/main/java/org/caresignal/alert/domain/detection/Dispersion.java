package org.caresignal.alert.domain.detection;

/**
 * Quasi-Poisson dispersion {@code phi = Var / mean} of a count around its baseline, estimated by
 * exponential weighting of winsorized Pearson residuals {@code (x - m)^2 / m}.
 */
public final class Dispersion {

    static final double PRIOR = 2.0;
    static final int PRIOR_WEIGHT = 20;

    private final int memory;
    private final double winsorZ;
    private double phi;
    private long count;

    public Dispersion(int memory, double winsorZ) {
        this(memory, winsorZ, PRIOR, 0);
    }

    Dispersion(int memory, double winsorZ, double phi, long count) {
        this.memory = memory;
        this.winsorZ = winsorZ;
        this.phi = phi;
        this.count = count;
    }

    public double phi() {
        return Math.max(1.0, phi);
    }

    long count() {
        return count;
    }

    double raw() {
        return phi;
    }

    /** Learns from a window that held {@code x} where {@code m} was expected. */
    public void update(double x, double m) {
        if (m <= 1e-6) {
            return;
        }
        double residual = (x - m) * (x - m) / m;
        double clipped = Math.min(residual, winsorZ * winsorZ * phi());
        double a = Math.max(1.0 / (count + 1 + PRIOR_WEIGHT), 1.0 / memory);
        phi += a * (clipped - phi);
        count++;
    }
}
