package org.caresignal.alert.domain.detection;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Expected count per bucket as a level times an hour-of-week factor, both learned by exponential
 * weighting from winsorized values, so one burst barely moves them.
 *
 * <p>{@code expected(t) = level * f(how(t))}, with {@code f = (c * S_x + m0 * f_hod) / (c * S_l +
 * m0)}: {@code S_x} is the hour-of-week slot's weighted mean count and {@code S_l} the weighted
 * mean level at the same times over {@code c} observations, so {@code f} is their ratio shrunk by
 * {@code m0} pseudo-mentions towards the hour-of-day factor {@code f_hod}, itself estimated the
 * same way over all days and shrunk towards 1. A young baseline thus knows the daily cycle after a
 * day and the weekly one after some weeks.
 */
public final class SeasonalBaseline {

    static final int SLOTS = 7 * 24;
    static final int HOURS = 24;

    private final int levelMemory;
    private final int seasonMemory;
    private final double seasonPrior;
    private final ZoneId zone;

    private double level;
    private long levelCount;
    private final double[] slotCount;
    private final double[] slotLevel;
    private final int[] slotObservations;

    public SeasonalBaseline(int levelMemory, int seasonMemory, double seasonPrior, ZoneId zone) {
        this(levelMemory, seasonMemory, seasonPrior, zone, State.empty());
    }

    SeasonalBaseline(
            int levelMemory, int seasonMemory, double seasonPrior, ZoneId zone, State state) {
        this.levelMemory = levelMemory;
        this.seasonMemory = seasonMemory;
        this.seasonPrior = seasonPrior;
        this.zone = zone;
        this.level = state.level();
        this.levelCount = state.levelCount();
        this.slotCount = new double[SLOTS + HOURS];
        this.slotLevel = new double[SLOTS + HOURS];
        this.slotObservations = new int[SLOTS + HOURS];
        load(state);
    }

    /** Hour of the week in {@code zone}, 0 = Monday 00:00-01:00. */
    static int slotOf(Instant t, ZoneId zone) {
        var local = t.atZone(zone);
        return (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24
                + local.getHour();
    }

    public long observations() {
        return levelCount;
    }

    public double level() {
        return level;
    }

    /** The hour-of-week factor applied at {@code t}. */
    public double factor(Instant t) {
        int s = slotOf(t, zone);
        int h = SLOTS + s % HOURS;
        double daily = shrunk(h, 1.0);
        return shrunk(s, daily);
    }

    private double shrunk(int slot, double prior) {
        // Gamma-Poisson style shrinkage: the slot's evidence is the mentions it has seen, so a
        // sparse series leans on the prior far longer than a busy one.
        double mass = slotObservations[slot] * slotLevel[slot];
        double seen = slotObservations[slot] * slotCount[slot];
        return (seen + seasonPrior * prior) / (mass + seasonPrior);
    }

    /** The count expected in the bucket starting at {@code t}. */
    public double expected(Instant t) {
        return level * factor(t);
    }

    /**
     * Learns from the bucket at {@code t} holding {@code x}; values above {@code cap} are clipped
     * first.
     */
    public void update(Instant t, double x, double cap) {
        double f = factor(t);
        double clipped = levelCount > 0 ? Math.min(x, cap) : x;
        double levelBefore = level;
        double a = Math.max(1.0 / (levelCount + 1), 1.0 / levelMemory);
        level += a * (clipped / Math.max(f, 0.05) - level);
        levelCount++;
        if (levelCount > 1) {
            int s = slotOf(t, zone);
            learnSlot(s, clipped, levelBefore, seasonMemory);
            // The hour-of-day slot sees seven times as many observations.
            learnSlot(SLOTS + s % HOURS, clipped, levelBefore, seasonMemory * 7);
        }
    }

    private void learnSlot(int slot, double x, double levelBefore, int memory) {
        double b = Math.max(1.0 / (slotObservations[slot] + 1), 1.0 / memory);
        slotCount[slot] += b * (x - slotCount[slot]);
        slotLevel[slot] += b * (levelBefore - slotLevel[slot]);
        slotObservations[slot]++;
    }

    /**
     * Replaces what was learned by the batch estimate over the given buckets, as if the level had
     * been known from the first one: the level is the mean of the values (over whole days the
     * hour-of-day factors average to one), each slot's mean is that of its values, seen against
     * that level. Values above their cap are clipped first. The result does not depend on the hour
     * the buckets start at, which learning bucket by bucket from an unknown level does.
     */
    void seed(Instant[] times, double[] values, double[] caps) {
        int n = times.length;
        if (n == 0) {
            return;
        }
        double[] sums = new double[SLOTS + HOURS];
        int[] counts = new int[SLOTS + HOURS];
        double total = 0;
        for (int j = 0; j < n; j++) {
            double x = Math.min(values[j], caps[j]);
            total += x;
            int s = slotOf(times[j], zone);
            sums[s] += x;
            counts[s]++;
            sums[SLOTS + s % HOURS] += x;
            counts[SLOTS + s % HOURS]++;
        }
        level = total / n;
        levelCount = n;
        for (int i = 0; i < SLOTS + HOURS; i++) {
            slotObservations[i] = counts[i];
            slotCount[i] = counts[i] > 0 ? sums[i] / counts[i] : 0;
            slotLevel[i] = counts[i] > 0 ? level : 0;
        }
    }

    void load(State state) {
        level = state.level();
        levelCount = state.levelCount();
        System.arraycopy(state.slotCount(), 0, slotCount, 0, SLOTS + HOURS);
        System.arraycopy(state.slotLevel(), 0, slotLevel, 0, SLOTS + HOURS);
        System.arraycopy(state.slotObservations(), 0, slotObservations, 0, SLOTS + HOURS);
    }

    State state() {
        return new State(
                level, levelCount, slotCount.clone(), slotLevel.clone(), slotObservations.clone());
    }

    /** What a baseline has learned, for persistence. */
    public record State(
            double level,
            long levelCount,
            double[] slotCount,
            double[] slotLevel,
            int[] slotObservations) {

        public State {
            int slots = SLOTS + HOURS;
            if (slotCount.length != slots
                    || slotLevel.length != slots
                    || slotObservations.length != slots) {
                throw new IllegalArgumentException("a baseline has " + slots + " slots");
            }
        }

        static State empty() {
            return new State(
                    0,
                    0,
                    new double[SLOTS + HOURS],
                    new double[SLOTS + HOURS],
                    new int[SLOTS + HOURS]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s
                    && level == s.level
                    && levelCount == s.levelCount
                    && Arrays.equals(slotCount, s.slotCount)
                    && Arrays.equals(slotLevel, s.slotLevel)
                    && Arrays.equals(slotObservations, s.slotObservations);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(slotCount) * 31 + Long.hashCode(levelCount);
        }

        @Override
        public String toString() {
            return "State[level=" + level + ", levelCount=" + levelCount + "]";
        }
    }
}
