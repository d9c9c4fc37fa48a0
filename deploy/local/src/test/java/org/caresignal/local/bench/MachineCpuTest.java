package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
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

        assertThat(MachineCpu.line(after.minus(before), 2, OptionalDouble.of(0.05), rows))
                .isEqualTo(
                        "machine cores=2 busy=1.70 idle=0.20 idle_middle_half=0.05 iowait=0.04"
                                + " steal=0.06 sampled=1.60 unsampled=0.10");
    }

    @Test
    void aProcessOfUnknownCpuLeavesTheUnsampledShareUnknown() {
        var delta = new MachineCpu.Ticks(100, 100, 0, 0);

        assertThat(
                        MachineCpu.line(
                                delta,
                                2,
                                OptionalDouble.empty(),
                                List.of(new ProcessSampler.Usage("remote", -1, -1, -1))))
                .contains("idle_middle_half=n/a")
                .endsWith("sampled=0.00 unsampled=n/a");
        assertThat(
                        MachineCpu.line(
                                new MachineCpu.Ticks(0, 0, 0, 0),
                                2,
                                OptionalDouble.empty(),
                                List.of()))
                .isEqualTo("machine n/a");
    }

    @Test
    void theMiddleHalfIsBetweenTheSamplesNearestAQuarterAndThreeQuartersOfTheRun() {
        // 2 cores, 100 ticks/s, a sample a second for 8 s: the first and last two seconds all
        // idle (the run starting and draining), the middle four seconds 10% idle.
        var samples = new ArrayList<MachineCpu.Sample>();
        long busy = 0;
        long idle = 0;
        long[] idlePerSecond = {200, 200, 20, 20, 20, 20, 200, 200};
        samples.add(new MachineCpu.Sample(0, new MachineCpu.Ticks(busy, idle, 0, 0)));
        for (int second = 0; second < idlePerSecond.length; second++) {
            idle += idlePerSecond[second];
            busy += 200 - idlePerSecond[second];
            samples.add(
                    new MachineCpu.Sample(
                            (second + 1) * 1_000_000_000L, new MachineCpu.Ticks(busy, idle, 0, 0)));
        }

        assertThat(MachineCpu.middleHalfIdle(samples, 2)).hasValueCloseTo(0.2, within(1e-9));
        // The whole run, for contrast: 880 of its 1,600 ticks idle.
        var whole = samples.get(8).ticks().minus(samples.get(0).ticks());
        assertThat(2.0 * whole.idle() / whole.total()).isCloseTo(1.10, within(1e-9));
    }

    @Test
    void aRunTooShortForAMiddleHalfHasNone() {
        var samples =
                List.of(
                        new MachineCpu.Sample(0, new MachineCpu.Ticks(0, 0, 0, 0)),
                        new MachineCpu.Sample(1, new MachineCpu.Ticks(10, 10, 0, 0)),
                        new MachineCpu.Sample(2, new MachineCpu.Ticks(20, 20, 0, 0)),
                        new MachineCpu.Sample(3, new MachineCpu.Ticks(30, 30, 0, 0)));

        assertThat(MachineCpu.middleHalfIdle(samples, 2)).isEmpty();
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
