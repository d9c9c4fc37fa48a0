package org.caresignal.sentiment.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scorer benchmark's warm-up: by time, round and round the texts, a lap at a time. */
class BenchmarkWarmUpTest {

    @Test
    void scoresTheTextsInTurnUntilTheTimeIsUpAndReportsEachLap() {
        var seen = new ArrayList<String>();
        var laps = new AtomicInteger();

        int scored =
                BenchmarkTool.warmUp(
                        "test",
                        text -> {
                            seen.add(text);
                            return text;
                        },
                        laps::incrementAndGet,
                        List.of("a", "b", "c"),
                        0.05);

        assertThat(scored).isEqualTo(seen.size()).isGreaterThan(3);
        assertThat(seen.subList(0, 4)).containsExactly("a", "b", "c", "a");
        assertThat(laps.get()).isEqualTo(scored / 3);
    }

    @Test
    void noTimeMeansNoWarmUp() {
        var calls = new AtomicInteger();

        int scored =
                BenchmarkTool.warmUp(
                        "test", text -> calls.incrementAndGet(), () -> {}, List.of("a"), 0);

        assertThat(scored).isZero();
        assertThat(calls.get()).isZero();
    }
}
