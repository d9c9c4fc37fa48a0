package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacingPlanTest {

    @Test
    void aFixedRateSpreadsTheBatchesEvenly() {
        var plan = PacingPlan.of(100, 20, 0, 250);

        // 20/s at about 10 requests a second: batches of 2, one every 100 ms.
        assertThat(plan.batches()).hasSize(50);
        assertThat(plan.batches().get(0)).isEqualTo(new PacingPlan.Batch(0, 2, 0));
        assertThat(plan.batches().get(1).dueNanos()).isEqualTo(100_000_000L);
        assertThat(plan.batches().get(49)).isEqualTo(new PacingPlan.Batch(98, 100, 4_900_000_000L));
        assertThat(plan.spanNanos()).isEqualTo(4_900_000_000L);
    }

    @Test
    void everyMentionIsInExactlyOneBatch() {
        var plan = PacingPlan.of(1001, 37.5, 0, 250);

        int expectedFrom = 0;
        for (var batch : plan.batches()) {
            assertThat(batch.from()).isEqualTo(expectedFrom);
            assertThat(batch.size()).isPositive();
            expectedFrom = batch.to();
        }
        assertThat(expectedFrom).isEqualTo(1001);
    }

    @Test
    void aGivenBatchSizeIsKeptAndTheDueTimesFollowTheRate() {
        var plan = PacingPlan.of(1000, 50, 100, 250);

        assertThat(plan.batches()).hasSize(10);
        assertThat(plan.batches()).allMatch(b -> b.size() == 100);
        // Mention 500 is due 10 s in at 50/s.
        assertThat(plan.batches().get(5).dueNanos()).isEqualTo(10_000_000_000L);
    }

    @Test
    void slowRatesSendOneMentionPerRequest() {
        var plan = PacingPlan.of(5, 2, 0, 250);

        assertThat(plan.batches()).extracting(PacingPlan.Batch::size).containsOnly(1);
        assertThat(plan.batches().get(4).dueNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void flatOutSendsTheLargestBatchesAllDueAtOnce() {
        var plan = PacingPlan.of(3000, 0, 0, 250);

        assertThat(plan.batches()).hasSize(12);
        assertThat(plan.batches()).allMatch(b -> b.size() == 250 && b.dueNanos() == 0);
        assertThat(plan.spanNanos()).isZero();
    }

    @Test
    void batchesNeverExceedTheLimit() {
        var plan = PacingPlan.of(2000, 5000, 0, 250);

        assertThat(plan.batches()).allMatch(b -> b.size() <= 250);
    }

    @Test
    void negativeFiguresAreRefused() {
        assertThatThrownBy(() -> PacingPlan.of(10, -1, 0, 250))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
