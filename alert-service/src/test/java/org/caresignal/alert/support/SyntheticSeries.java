package org.caresignal.alert.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.caresignal.alert.domain.detection.Bucket;

/**
 * Seeded synthetic bucket series for detector tests: overdispersed counts (Poisson with a
 * log-normal burst factor) around a mean that may follow a daily cycle.
 */
public final class SyntheticSeries {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
    public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final Random random;
    private final List<Bucket> buckets = new ArrayList<>();
    private Instant next = START;

    private SyntheticSeries(long seed) {
        this.random = new Random(seed);
    }

    public static SyntheticSeries seeded(long seed) {
        return new SyntheticSeries(seed);
    }

    /** Daily cycle: {@code night} per bucket at 03:00 UTC rising to {@code peak} at 15:00 UTC. */
    public static DoubleUnaryOperator dailyCycle(double night, double peak) {
        return hourOfDay ->
                night + (peak - night) * (1 - Math.cos(2 * Math.PI * (hourOfDay - 3) / 24)) / 2;
    }

    /** Appends {@code days} of ordinary traffic with the given mean and negative share. */
    public SyntheticSeries normal(double days, DoubleUnaryOperator meanByHour, double negShare) {
        int n = (int) Math.round(days * 288);
        for (int i = 0; i < n; i++) {
            double hour = (next.getEpochSecond() % 86_400) / 3600.0;
            double mean = meanByHour.applyAsDouble(hour) * Math.exp(0.4 * random.nextGaussian());
            long total = poisson(mean);
            add(total, binomial(total, negShare));
        }
        return this;
    }

    public SyntheticSeries normal(double days, double mean, double negShare) {
        return normal(days, h -> mean, negShare);
    }

    /** Appends one bucket with exactly these counts. */
    public SyntheticSeries add(long total, long negative) {
        buckets.add(new Bucket(next, total, negative));
        next = next.plus(FIVE_MINUTES);
        return this;
    }

    /** Index the next appended bucket will get. */
    public int size() {
        return buckets.size();
    }

    public List<Bucket> buckets() {
        return List.copyOf(buckets);
    }

    private long poisson(double mean) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private long binomial(long n, double p) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
