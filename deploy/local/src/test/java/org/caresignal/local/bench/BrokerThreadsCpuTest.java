package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The embedded broker's CPU is told apart from the benchmark's own by its threads. */
class BrokerThreadsCpuTest {

    @Test
    void aBrokerThreadsCpuIsReportedOnItsOwnAndTheBenchmarksIsNot() throws Exception {
        var sampler = new ProcessSampler(List.of(), OptionalLong.empty(), "bench-jvm (load)", true);
        var done = new CountDownLatch(1);
        sampler.start();
        burn("data-plane-kafka-request-handler-0", 300, done);
        burn("bench-load-generator", 300, done);
        // The broker's threads live through a run; those that ended are not counted.
        var usage = sampler.stop();
        done.countDown();

        var broker = find(usage, ProcessSampler.BROKER);
        var bench = find(usage, "bench-jvm (load)");
        assertThat(broker.cpuSeconds()).isBetween(0.2, 0.45);
        assertThat(bench.cpuSeconds()).isGreaterThanOrEqualTo(0.2);
    }

    @Test
    void withoutAnEmbeddedBrokerTheJvmIsOneRow() {
        var sampler =
                new ProcessSampler(List.of(), OptionalLong.empty(), "bench-jvm (load)", false);
        sampler.start();
        var usage = sampler.stop();

        assertThat(usage)
                .extracting(ProcessSampler.Usage::name)
                .containsExactly("bench-jvm (load)");
    }

    @Test
    void theBenchmarksThreadsAreKnownByName() {
        assertThat(ProcessSampler.isBenchThread("main")).isTrue();
        assertThat(ProcessSampler.isBenchThread("bench-scored-observer")).isTrue();
        assertThat(ProcessSampler.isBenchThread("pool-3-thread-1")).isTrue();
        assertThat(ProcessSampler.isBenchThread("HttpClient-1-Worker-0")).isTrue();
        assertThat(ProcessSampler.isBenchThread("kafka-scheduler-0")).isFalse();
        assertThat(ProcessSampler.isBenchThread("quorum-controller-0-event-handler")).isFalse();
    }

    /**
     * Spins on a new thread of that name for about {@code millis} ms of CPU time, returns when it
     * has, and leaves the thread waiting for {@code done}.
     */
    private static void burn(String name, long millis, CountDownLatch done)
            throws InterruptedException {
        var burnt = new CountDownLatch(1);
        var thread =
                new Thread(
                        () -> {
                            var mx = ManagementFactory.getThreadMXBean();
                            while (mx.getCurrentThreadCpuTime() < millis * 1_000_000L) {
                                Thread.onSpinWait();
                            }
                            burnt.countDown();
                            try {
                                done.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name);
        thread.setDaemon(true);
        thread.start();
        burnt.await();
    }

    private static ProcessSampler.Usage find(List<ProcessSampler.Usage> usage, String name) {
        return usage.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }
}
