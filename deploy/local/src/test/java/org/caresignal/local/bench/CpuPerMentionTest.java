package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The load-independent figure of a run: CPU milliseconds per counted mention, per process. */
class CpuPerMentionTest {

    @Test
    void eachProcessCpuTimeIsDividedByTheCountedMentionsAndSummed() {
        var run =
                run(
                        2000,
                        List.of(
                                new ProcessSampler.Usage("ingest-service", 0.5, 100, 4.0),
                                new ProcessSampler.Usage("sentiment-service", 1.2, 900, 20.0),
                                new ProcessSampler.Usage("bench-jvm (load)", 0.1, 50, 1.0)));

        assertThat(PipelineBench.cpuPerMention(run))
                .isEqualTo(
                        "cpu_ms_per_mention ingest-service=2.00 sentiment-service=10.00"
                                + " bench-jvm_(load)=0.50 total=12.50");
    }

    @Test
    void anUnknownProcessLeavesTheTotalUnknown() {
        var run =
                run(
                        100,
                        List.of(
                                new ProcessSampler.Usage("ingest-service", 0.5, 100, 1.0),
                                new ProcessSampler.Usage("remote", -1, -1, -1)));

        assertThat(PipelineBench.cpuPerMention(run))
                .isEqualTo("cpu_ms_per_mention ingest-service=10.00 remote=n/a total=n/a");
    }

    @Test
    void theJitAndGcSharesListOnlyTheJvmsWhoseThreadsAreKnown() {
        var run =
                run(
                        1000,
                        List.of(
                                new ProcessSampler.Usage("ingest-service", 0.5, 100, 4.0, 1.5, 0.5),
                                new ProcessSampler.Usage("postgresql", 0.2, -1, 1.0),
                                new ProcessSampler.Usage(
                                        "sentiment-service", 1.2, 900, 9.0, 0.25, 2.0)));

        assertThat(PipelineBench.jitPerMention(run))
                .isEqualTo(
                        "jit_ms_per_mention ingest-service=1.50 sentiment-service=0.25 total=1.75");
        assertThat(PipelineBench.gcPerMention(run))
                .isEqualTo(
                        "gc_ms_per_mention ingest-service=0.50 sentiment-service=2.00 total=2.50");
    }

    @Test
    void theCeilingPutsTheModelAloneAgainstEveryProcessButSentimentService() {
        // 1,000 mentions: sentiment 9 ms each, the others 1 + 2 + 1 = 4 ms; the model alone at
        // 400 posts/s on 2 cores costs 5 ms a post, so 5 / (5 + 4).
        var run =
                run(
                        1000,
                        List.of(
                                new ProcessSampler.Usage("ingest-service", 0.5, 100, 1.0),
                                new ProcessSampler.Usage("sentiment-service", 1.2, 900, 9.0),
                                new ProcessSampler.Usage("postgresql", 0.2, -1, 2.0),
                                new ProcessSampler.Usage("bench-jvm (load)", 0.1, 50, 1.0)));

        assertThat(PipelineBench.efficiencyCeiling(run, 400, 2))
                .startsWith(
                        "efficiency_ceiling=0.56 (the model alone 5.00 ms per post, every other"
                                + " process 4.00 ms per counted mention");
    }

    @Test
    void noCeilingWhenAProcessTheModelsServiceOrTheScorerRateIsNotMeasuredAndTheLineSaysWhich() {
        var remote =
                run(
                        1000,
                        List.of(
                                new ProcessSampler.Usage("sentiment-service", 1.2, 900, 9.0),
                                new ProcessSampler.Usage("alert-service", -1, -1, -1)));
        var withoutSentiment =
                run(1000, List.of(new ProcessSampler.Usage("ingest-service", 0.5, 100, 1.0)));

        assertThat(PipelineBench.efficiencyCeiling(remote, 400, 2))
                .isEqualTo("efficiency_ceiling=n/a (alert-service's CPU is not known)");
        assertThat(PipelineBench.efficiencyCeiling(withoutSentiment, 400, 2))
                .isEqualTo("efficiency_ceiling=n/a (no sentiment-service row)");
        assertThat(PipelineBench.efficiencyCeiling(remote, 0, 2))
                .isEqualTo("efficiency_ceiling=n/a (no scorer-alone rate)");
    }

    private static PipelineBench.RunResult run(int counted, List<ProcessSampler.Usage> usage) {
        var none = Percentiles.of(new long[0]);
        return new PipelineBench.RunResult(
                "flat-out",
                0,
                counted,
                counted,
                0,
                0,
                counted,
                counted,
                1,
                1,
                1,
                none,
                none,
                usage);
    }
}
