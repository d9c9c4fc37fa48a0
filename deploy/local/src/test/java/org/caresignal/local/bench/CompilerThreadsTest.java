package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JIT's CPU time is read from the compiler threads' {@code /proc} stat files. */
class CompilerThreadsTest {

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
    void aCompilerThreadsUserAndSystemTicksAreSummedAndOtherThreadsIgnored() {
        assertThat(CompilerThreads.compilerTicks(stat("C2 CompilerThre", 310, 12))).isEqualTo(322);
        assertThat(CompilerThreads.compilerTicks(stat("C1 CompilerThre", 40, 2))).isEqualTo(42);
        assertThat(CompilerThreads.compilerTicks(stat("executor-thread-1", 500, 5))).isEqualTo(-1);
        // A name may hold blanks and parentheses: the last ')' ends it.
        assertThat(CompilerThreads.compilerTicks(stat("a (b) c", 1, 1))).isEqualTo(-1);
    }

    @Test
    void timeIsCountedFromStartAndAThreadThatEndedKeepsWhatWasSeen(@TempDir Path proc)
            throws Exception {
        write(proc, "11", stat("C2 CompilerThre", 100, 0));
        write(proc, "12", stat("main", 900, 0));
        var threads = new CompilerThreads(proc);
        threads.start();

        write(proc, "11", stat("C2 CompilerThre", 130, 5));
        write(proc, "13", stat("C2 CompilerThre", 20, 0));
        threads.sample();
        Files.delete(proc.resolve("13/stat"));
        Files.delete(proc.resolve("13"));
        write(proc, "11", stat("C2 CompilerThre", 150, 10));

        // (150 + 10 - 100) + 20 ticks of 10 ms.
        assertThat(threads.nanos()).isEqualTo(80 * 10_000_000L);
    }

    @Test
    void thisJvmsCompilerThreadsAreFound() {
        var threads = new CompilerThreads(ProcessHandle.current().pid());
        threads.start();

        assertThat(threads.threadsSeen()).isPositive();
        assertThat(threads.nanos()).isNotNegative();
    }

    private static void write(Path proc, String tid, String stat) throws Exception {
        Files.createDirectories(proc.resolve(tid));
        Files.writeString(proc.resolve(tid).resolve("stat"), stat);
    }
}
