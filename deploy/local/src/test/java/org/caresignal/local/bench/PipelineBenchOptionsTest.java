package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PipelineBenchOptionsTest {

    @Test
    void defaultsAreAFlatOutRunOfThreeThousand() {
        var options = PipelineBench.Options.parse(new String[0]);

        assertThat(options.mentions()).isEqualTo(3000);
        assertThat(options.warmup()).isEqualTo(20000);
        assertThat(options.rates()).isEmpty();
        assertThat(options.sweep()).isFalse();
        assertThat(options.target()).isFalse();
        assertThat(options.dataDir().toString()).endsWith(".data/pipeline-bench");
    }

    @Test
    void theWarmUpIsPacedUnlessToldToGoFlatOut() {
        assertThat(PipelineBench.Options.parse(new String[0]).warmupRate()).isEqualTo(150);
        assertThat(PipelineBench.Options.parse(new String[] {"--warmup-rate", "0"}).warmupRate())
                .isZero();
        assertThatThrownBy(() -> PipelineBench.Options.parse(new String[] {"--warmup-rate", "-1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesAndSweepAreRead() {
        var options =
                PipelineBench.Options.parse(
                        new String[] {
                            "--rates", "10, 20.5", "--duration", "90", "--sweep", "--chart", "c.png"
                        });

        assertThat(options.rates()).containsExactly(10.0, 20.5);
        assertThat(options.durationSeconds()).isEqualTo(90);
        assertThat(options.chart().getFileName().toString()).isEqualTo("c.png");
    }

    @Test
    void theSweepRunsAtAQuarterToAllOfCapacityUnlessToldOtherwise() {
        assertThat(PipelineBench.Options.parse(new String[] {"--sweep"}).sweepShares())
                .containsExactly(0.25, 0.5, 0.75, 1.0);
        var options = PipelineBench.Options.parse(new String[] {"--sweep-shares", "50,150"});
        assertThat(options.sweep()).isTrue();
        assertThat(options.sweepShares()).containsExactly(0.5, 1.5);
    }

    @Test
    void aTargetNeedsItsAddresses() {
        assertThatThrownBy(
                        () ->
                                PipelineBench.Options.parse(
                                        new String[] {"--target", "--ingest-url", "http://x"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka");
    }

    @Test
    void statementsAreAskedForAndNeedTheBenchmarksOwnDatabase() {
        assertThat(PipelineBench.Options.parse(new String[0]).statements()).isZero();
        assertThat(PipelineBench.Options.parse(new String[] {"--statements", "12"}).statements())
                .isEqualTo(12);
        assertThatThrownBy(
                        () ->
                                PipelineBench.Options.parse(
                                        new String[] {
                                            "--target",
                                            "--ingest-url",
                                            "http://x",
                                            "--api-key",
                                            "k",
                                            "--kafka",
                                            "k:1",
                                            "--ingest-jdbc",
                                            "jdbc:x",
                                            "--alert-jdbc",
                                            "jdbc:y",
                                            "--statements",
                                            "5"
                                        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--statements");
    }

    @Test
    void aChartWithoutASweepIsRefused() {
        assertThatThrownBy(() -> PipelineBench.Options.parse(new String[] {"--chart", "c.png"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesPerSecondOverMilliseconds() {
        assertThat(PipelineBench.perSecond(3000, 60_000)).isEqualTo(50.0);
        assertThat(PipelineBench.perSecond(10, 0)).isZero();
    }

    @Test
    void heapIsTheSumOfTheHeapPools() {
        var metrics =
                """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
                process_cpu_usage 0.25
                """;

        assertThat(ProcessSampler.heapUsed(metrics)).isEqualTo(31_457_280L);
        assertThat(ProcessSampler.cpuUsage(metrics)).isEqualTo(0.25);
        assertThat(ProcessSampler.heapUsed("nothing here")).isEqualTo(-1);
    }
}
