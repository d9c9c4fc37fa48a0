package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.caresignal.local.bench.JvmThreads.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM's JIT and GC CPU time is read from its threads' {@code /proc} stat files. */
class JvmThreadsTest {

    private static String stat(String name, long utime, long stime) {
        return "4242 ("
                + name
                + ") S 4200 4200 4200 0 -1 1077936192 120 0 0 0 "
                + utime
                + " "
                + stime
                + " 0 0 20 0 38 0 9876 123456 789 18446744073709551615 1 1 0 0 0 0 4 0 16796\n";
    }

    @Test
    void compilerAndCollectorThreadsAreToldByNameAndTheirTicksSummed() {
        assertThat(JvmThreads.ticks(stat("C2 CompilerThre", 310, 12)))
                .isEqualTo(new JvmThreads.Ticks(Kind.JIT, 322));
        assertThat(JvmThreads.ticks(stat("C1 CompilerThre", 40, 2)))
                .isEqualTo(new JvmThreads.Ticks(Kind.JIT, 42));
        assertThat(JvmThreads.ticks(stat("GC Thread#1", 70, 3)))
                .isEqualTo(new JvmThreads.Ticks(Kind.GC, 73));
        assertThat(JvmThreads.ticks(stat("G1 Conc#0", 5, 0)))
                .isEqualTo(new JvmThreads.Ticks(Kind.GC, 5));
        assertThat(JvmThreads.ticks(stat("executor-thread", 500, 5))).isNull();
        // A name may hold blanks and parentheses: the last ')' ends it.
        assertThat(JvmThreads.ticks(stat("a (C2 CompilerThre) c", 1, 1))).isNull();
    }

    @Test
    void timeIsCountedFromStartAndAThreadThatEndedKeepsWhatWasSeen(@TempDir Path proc)
            throws Exception {
        write(proc, "11", stat("C2 CompilerThre", 100, 0));
        write(proc, "12", stat("main", 900, 0));
        write(proc, "14", stat("GC Thread#0", 50, 0));
        var threads = new JvmThreads(proc);
        threads.start();

        write(proc, "11", stat("C2 CompilerThre", 130, 5));
        write(proc, "13", stat("C2 CompilerThre", 20, 0));
        write(proc, "12", stat("main", 2000, 0));
        threads.sample();
        Files.delete(proc.resolve("13/stat"));
        Files.delete(proc.resolve("13"));
        write(proc, "11", stat("C2 CompilerThre", 150, 10));
        write(proc, "14", stat("GC Thread#0", 57, 0));

        // (150 + 10 - 100) + 20 ticks of 10 ms; the collector's 7.
        assertThat(threads.nanos(Kind.JIT)).isEqualTo(80 * 10_000_000L);
        assertThat(threads.nanos(Kind.GC)).isEqualTo(7 * 10_000_000L);
    }

    @Test
    void aThreadTheJvmHasNotNamedYetIsReadAgainAndOthersAreNot(@TempDir Path proc)
            throws Exception {
        write(proc, "21", stat("java", 0, 0));
        write(proc, "22", stat("executor-thread", 0, 0));
        var threads = new JvmThreads(proc);
        threads.start();

        // The same thread ids, now a compiler (named since) and, impossibly, another one.
        write(proc, "21", stat("C2 CompilerThre", 30, 0));
        write(proc, "22", stat("C1 CompilerThre", 50, 0));

        assertThat(threads.nanos(Kind.JIT)).isEqualTo(30 * 10_000_000L);
    }

    @Test
    void thisJvmsCompilerAndCollectorThreadsAreFound() {
        var threads = new JvmThreads(ProcessHandle.current().pid());
        threads.start();

        assertThat(threads.threadsSeen(Kind.JIT)).isPositive();
        assertThat(threads.threadsSeen(Kind.GC)).isPositive();
        assertThat(threads.nanos(Kind.GC)).isNotNegative();
    }

    private static void write(Path proc, String tid, String stat) throws Exception {
        Files.createDirectories(proc.resolve(tid));
        Files.writeString(proc.resolve(tid).resolve("stat"), stat);
    }
}
