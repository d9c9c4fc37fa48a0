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

    /**
     * A dispersion estimated at once from the Pearson residuals {@code (x - m)^2 / m} of a batch of
     * windows: the fixed point of the same winsorized mean the bucket-by-bucket estimate tends to,
     * so that it starts where it would settle instead of climbing from the prior for weeks (its
     * clip, {@code winsorZ^2 phi}, moves with {@code phi}, which made a low prior sticky).
     */
    static Dispersion seeded(int memory, double winsorZ, double[] residuals) {
        if (residuals.length == 0) {
            return new Dispersion(memory, winsorZ);
        }
        double phi = 0;
        for (double r : residuals) {
            phi += r / residuals.length;
        }
        for (int iteration = 0; iteration < 50; iteration++) {
            double cap = winsorZ * winsorZ * Math.max(1.0, phi);
            double next = 0;
            for (double r : residuals) {
                next += Math.min(r, cap) / residuals.length;
            }
            if (Math.abs(next - phi) < 1e-9 * Math.max(1, phi)) {
                phi = next;
                break;
            }
            phi = next;
        }
        // Shrunk towards the prior with the weight the running estimate gives it.
        int n = residuals.length;
        return new Dispersion(
                memory, winsorZ, (n * phi + PRIOR_WEIGHT * PRIOR) / (n + PRIOR_WEIGHT), n);
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
