package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverAHundredValues() {
        // 1..100 shuffled: the p-th percentile by nearest rank is p itself.
        long[] values = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();

        var p = Percentiles.of(values);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void aFewValuesRoundUpToTheNextRank() {
        var p = Percentiles.of(new long[] {400, 100, 300, 200});

        assertThat(p.p50()).isEqualTo(200);
        assertThat(p.p95()).isEqualTo(400);
        assertThat(p.p99()).isEqualTo(400);
        assertThat(p.max()).isEqualTo(400);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
    }

    @Test
    void noValuesGiveZeros() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.NONE);
    }

    @Test
    void theInputIsLeftAsItWas() {
        long[] values = {3, 1, 2};

        Percentiles.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }
}
