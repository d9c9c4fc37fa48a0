package org.caresignal.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The whole machine's CPU time by state, from the first line of {@code /proc/stat}: what the
 * process rows cannot show, namely cores left idle, time the hypervisor gave to other guests
 * (steal) and processes the benchmark does not sample (Keycloak, the kernel's threads).
 */
final class MachineCpu {

    /**
     * Clock ticks since boot, all cores together, by state. {@code busy} is user, nice, system, irq
     * and softirq (guest time is already inside user and nice).
     */
    record Ticks(long busy, long idle, long iowait, long steal) {

        Ticks minus(Ticks earlier) {
            return new Ticks(
                    busy - earlier.busy,
                    idle - earlier.idle,
                    iowait - earlier.iowait,
                    steal - earlier.steal);
        }

        long total() {
            return busy + idle + iowait + steal;
        }
    }

    /** Ticks read at a moment of the run ({@link System#nanoTime()}). */
    record Sample(long nanos, Ticks ticks) {}

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private MachineCpu() {}

    /** The ticks of a {@code cpu user nice system idle iowait irq softirq steal ...} line. */
    static Ticks parse(String line) {
        var f = line.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 5) {
            throw new IllegalArgumentException("not the total cpu line of /proc/stat");
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = field(f, 5);
        long irq = field(f, 6);
        long softirq = field(f, 7);
        long steal = field(f, 8);
        return new Ticks(user + nice + system + irq + softirq, idle, iowait, steal);
    }

    private static long field(String[] f, int i) {
        return f.length > i ? Long.parseLong(f[i]) : 0;
    }

    /** This machine's ticks now; empty where there is no {@code /proc/stat}. */
    static Optional<Ticks> read() {
        try {
            return Optional.of(parse(Files.readAllLines(PROC_STAT).get(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The CPUs {@code /proc/stat} counts (its {@code cpuN} lines), which its total line sums: in a
     * container limited to fewer cores than the host's, the host's, not the JVM's count; 0 if
     * unknown.
     */
    static int cpus() {
        try (var lines = Files.lines(PROC_STAT)) {
            return (int) lines.filter(l -> l.matches("cpu\\d+\\s.*")).count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The idle cores between the samples nearest a quarter and three quarters of the way through
     * the run: whether cores stood idle while the run was in full flow, not only while it started
     * and drained. Empty when fewer than five samples or no ticks lie between.
     */
    static OptionalDouble middleHalfIdle(List<Sample> samples, int cores) {
        if (samples.size() < 5 || cores <= 0) {
            return OptionalDouble.empty();
        }
        long first = samples.get(0).nanos();
        long span = samples.get(samples.size() - 1).nanos() - first;
        var from = nearest(samples, first + span / 4);
        var to = nearest(samples, first + span * 3 / 4);
        var delta = to.ticks().minus(from.ticks());
        if (delta.total() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(cores * (double) delta.idle() / delta.total());
    }

    private static Sample nearest(List<Sample> samples, long nanos) {
        Sample best = samples.get(0);
        for (var sample : samples) {
            if (Math.abs(sample.nanos() - nanos) < Math.abs(best.nanos() - nanos)) {
                best = sample;
            }
        }
        return best;
    }

    /**
     * A run's line: the machine's busy, idle, iowait and steal time as cores over the window (its
     * {@code cores}: those of {@link #cpus()}), the idle cores of its middle half ({@link
     * #middleHalfIdle}), and how much of the busy time the sampled processes ({@code rows}, in
     * cores; a negative one is unknown) do not account for.
     */
    static String line(
            Ticks delta, int cores, OptionalDouble middleIdle, List<ProcessSampler.Usage> rows) {
        long total = delta.total();
        if (total <= 0 || cores <= 0) {
            return "machine n/a";
        }
        double busy = cores * (double) delta.busy() / total;
        double sampled = 0;
        boolean complete = true;
        for (var row : rows) {
            if (row.cpuCores() < 0) {
                complete = false;
            } else {
                sampled += row.cpuCores();
            }
        }
        return String.format(
                Locale.ROOT,
                "machine cores=%d busy=%.2f idle=%.2f idle_middle_half=%s iowait=%.2f steal=%.2f"
                        + " sampled=%.2f unsampled=%s",
                cores,
                busy,
                cores * (double) delta.idle() / total,
                middleIdle.isPresent()
                        ? String.format(Locale.ROOT, "%.2f", middleIdle.getAsDouble())
                        : "n/a",
                cores * (double) delta.iowait() / total,
                cores * (double) delta.steal() / total,
                sampled,
                complete ? String.format(Locale.ROOT, "%.2f", Math.max(0, busy - sampled)) : "n/a");
    }
}
