package org.caresignal.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time a JVM's JIT compiler threads spent during a run, read from {@code /proc} (HotSpot
 * names them {@code C1 CompilerThre…} and {@code C2 CompilerThre…}; they are not visible to the
 * JVM's own thread beans). A run's figures are only steady-state figures when this is small.
 *
 * <p>HotSpot starts and stops compiler threads as its queue grows and shrinks, so the time of each
 * thread is kept from the first to the last time it was seen: call {@link #sample()} now and then
 * during the run, or a thread that ended between two samples loses what it did since the one
 * before.
 */
final class CompilerThreads {

    // USER_HZ: the unit of /proc's utime and stime; 100 on every Linux that runs Java.
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path taskDir;
    private final Map<String, long[]> ticks = new HashMap<>();

    /** The compiler threads of the process {@code pid}. */
    CompilerThreads(long pid) {
        this(Path.of("/proc", Long.toString(pid), "task"));
    }

    CompilerThreads(Path taskDir) {
        this.taskDir = taskDir;
    }

    /** Starts counting from now. */
    synchronized void start() {
        ticks.clear();
        sample();
        ticks.replaceAll((tid, t) -> new long[] {t[1], t[1]});
    }

    /** Reads every live compiler thread's CPU time (a new one counts from zero). */
    synchronized void sample() {
        try (var tasks = Files.list(taskDir)) {
            for (var task : (Iterable<Path>) tasks::iterator) {
                long cpu = compilerTicks(task.resolve("stat"));
                if (cpu >= 0) {
                    var seen =
                            ticks.computeIfAbsent(
                                    task.getFileName().toString(), tid -> new long[2]);
                    seen[1] = cpu;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // The process is gone, or /proc is not there: what was seen stays.
        }
    }

    /** CPU time of the compiler threads since {@link #start()}, in ns. */
    synchronized long nanos() {
        sample();
        long sum = 0;
        for (var t : ticks.values()) {
            sum += t[1] - t[0];
        }
        return sum * NANOS_PER_TICK;
    }

    /** How many compiler threads have been seen since {@link #start()}. */
    synchronized int threadsSeen() {
        return ticks.size();
    }

    /** utime + stime of a thread whose name is a JIT compiler's; -1 for any other or none. */
    static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return -1;
        }
        return compilerTicks(line);
    }

    /** As {@link #compilerTicks(Path)}, from the text of a {@code /proc/…/stat} file. */
    static long compilerTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return -1;
        }
        var name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return -1;
        }
        // After the name: state (field 3) ... utime is field 14 and stime field 15.
        var fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
