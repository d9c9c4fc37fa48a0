package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The machine's CPU by state over a run, against what the sampled processes account for. */
class MachineCpuTest {

    @Test
    void busyIsUserNiceSystemIrqAndSoftirqAndGuestTimeIsNotCountedTwice() {
        var ticks = MachineCpu.parse("cpu  2792462 2341 296239 2872623 6501 0 13461 44602 900 10");

        assertThat(ticks)
                .isEqualTo(
                        new MachineCpu.Ticks(
                                2792462 + 2341 + 296239 + 13461, 2872623, 6501, 44602));
    }

    @Test
    void aRunIsTheDifferenceShownAsCoresWithWhatTheProcessRowsLeaveOut() {
        // 2 cores for 10 s at 100 ticks/s = 2,000 ticks: 1,700 busy, 200 idle, 40 iowait, 60
        // steal; the rows account for 1.60 of the 1.70 busy cores.
        var before = new MachineCpu.Ticks(10_000, 50_000, 1_000, 500);
        var after = new MachineCpu.Ticks(11_700, 50_200, 1_040, 560);
        var rows =
                List.of(
                        new ProcessSampler.Usage("sentiment-service", 1.2, 900, 12.0),
                        new ProcessSampler.Usage("postgresql", 0.4, -1, 4.0));

        assertThat(MachineCpu.line(after.minus(before), 2, rows))
                .isEqualTo(
                        "machine cores=2 busy=1.70 idle=0.20 iowait=0.04 steal=0.06 sampled=1.60"
                                + " unsampled=0.10");
    }

    @Test
    void aProcessOfUnknownCpuLeavesTheUnsampledShareUnknown() {
        var delta = new MachineCpu.Ticks(100, 100, 0, 0);

        assertThat(
                        MachineCpu.line(
                                delta, 2, List.of(new ProcessSampler.Usage("remote", -1, -1, -1))))
                .endsWith("sampled=0.00 unsampled=n/a");
        assertThat(MachineCpu.line(new MachineCpu.Ticks(0, 0, 0, 0), 2, List.of()))
                .isEqualTo("machine n/a");
    }

    @Test
    void thisMachinesCountersAreReadAndOnlyEverGrow() {
        var first = MachineCpu.read();
        assertThat(first).isPresent();
        assertThat(MachineCpu.cpus()).isPositive();
        var later = MachineCpu.read().orElseThrow().minus(first.get());
        assertThat(later.busy()).isNotNegative();
        assertThat(later.idle()).isNotNegative();
    }

    @Test
    void aLineThatIsNotTheTotalIsRefused() {
        assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
