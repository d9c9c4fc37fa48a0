package org.caresignal.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time a JVM's own threads spent during a run, by kind, read from {@code /proc} (they are
 * not visible to the JVM's thread beans): its JIT compilers ({@code C1 CompilerThre…}, {@code C2
 * CompilerThre…}) and its garbage collector ({@code GC Thread#…}, G1's {@code G1 …}). A run's
 * figures are only steady-state figures when the JIT's share is small.
 *
 * <p>HotSpot starts and stops compiler threads as its queue grows and shrinks, so the time of each
 * thread is kept from the first to the last time it was seen: call {@link #sample()} now and then
 * during the run, or a thread that ended between two samples loses what it did since the one
 * before.
 */
final class JvmThreads {

    /** What a JVM thread does, by its name. */
    enum Kind {
        JIT,
        GC;

        /**
         * The kind of the thread named {@code name} (Linux cuts names to 15 characters); or null.
         */
        static Kind of(String name) {
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (name.startsWith("GC Thread#") || name.startsWith("G1 ")) {
                return GC;
            }
            return null;
        }
    }

    /** A thread's kind and its CPU time in clock ticks. */
    record Ticks(Kind kind, long ticks) {}

    // USER_HZ: the unit of /proc's utime and stime; 100 on every Linux that runs Java.
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path taskDir;
    // tid -> kind, ticks at start (0 for a thread first seen later), ticks when last seen
    private final Map<String, Seen> seen = new HashMap<>();
    // Threads of other kinds, read once: a JVM names its threads as they start and Linux does not
    // reuse a thread id within a run, so their stat files need no second read each second.
    private final Set<String> others = new HashSet<>();

    private static final class Seen {
        final Kind kind;
        long first;
        long last;

        Seen(Kind kind) {
            this.kind = kind;
        }
    }

    /** The threads of the process {@code pid}. */
    JvmThreads(long pid) {
        this(Path.of("/proc", Long.toString(pid), "task"));
    }

    JvmThreads(Path taskDir) {
        this.taskDir = taskDir;
    }

    /** Starts counting from now. */
    synchronized void start() {
        seen.clear();
        others.clear();
        sample();
        seen.values().forEach(s -> s.first = s.last);
    }

    /** Reads every live JIT and GC thread's CPU time (a new one counts from zero). */
    synchronized void sample() {
        try (var tasks = Files.list(taskDir)) {
            for (var task : (Iterable<Path>) tasks::iterator) {
                var tid = task.getFileName().toString();
                if (others.contains(tid)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // ended since the listing
                }
                var ticks = ticks(stat);
                if (ticks != null) {
                    seen.computeIfAbsent(tid, t -> new Seen(ticks.kind())).last = ticks.ticks();
                } else if (!stat.contains("(java)")) {
                    // Not "java": a thread just started still has the launcher's name until the
                    // JVM names it, and may yet turn out a compiler's.
                    others.add(tid);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // The process is gone, or /proc is not there: what was seen stays.
        }
    }

    /** CPU time of the threads of {@code kind} since {@link #start()}, in ns. */
    synchronized long nanos(Kind kind) {
        sample();
        long sum = 0;
        for (var s : seen.values()) {
            if (s.kind == kind) {
                sum += s.last - s.first;
            }
        }
        return sum * NANOS_PER_TICK;
    }

    /** How many threads of {@code kind} have been seen since {@link #start()}. */
    synchronized long threadsSeen(Kind kind) {
        return seen.values().stream().filter(s -> s.kind == kind).count();
    }

    /**
     * The kind and utime + stime of a JIT or GC thread, from the text of its {@code /proc/…/stat}
     * file; null for any other thread.
     */
    static Ticks ticks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        var kind = Kind.of(stat.substring(open + 1, close));
        if (kind == null) {
            return null;
        }
        // After the name: state (field 3) ... utime is field 14 and stime field 15.
        var fields = stat.substring(close + 2).split(" ");
        return new Ticks(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
