package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

    private static final TransientRetry.Policy POLICY =
            new TransientRetry.Policy(
                    5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

    /** A clock that only moves when the retry "sleeps", so no test waits. */
    private final List<Duration> slept = new ArrayList<>();

    private final long[] now = {0};
    private final List<Integer> retried = new ArrayList<>();

    private TransientRetry retry(TransientRetry.Policy policy, double random) {
        return new TransientRetry(
                policy,
                e -> e instanceof IllegalArgumentException,
                d -> {
                    slept.add(d);
                    now[0] += d.toNanos();
                },
                () -> now[0],
                () -> random);
    }

    private void onRetry(int attempt, Duration delay, RuntimeException failure) {
        retried.add(attempt);
    }

    @Test
    void aTransientFailureIsRetriedUntilTheActionSucceeds() {
        var calls = new AtomicInteger();

        var result =
                retry(POLICY, 1.0)
                        .call(
                                () -> {
                                    if (calls.incrementAndGet() < 3) {
                                        throw new IllegalStateException("database down");
                                    }
                                    return "stored";
                                },
                                this::onRetry);

        assertThat(result).isEqualTo("stored");
        assertThat(calls).hasValue(3);
        assertThat(retried).containsExactly(2, 3);
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void whenTheAttemptsAreExhaustedTheLastFailureIsRethrown() {
        var calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                retry(POLICY, 1.0)
                                        .run(
                                                () -> {
                                                    throw new IllegalStateException(
                                                            "outage " + calls.incrementAndGet());
                                                },
                                                this::onRetry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outage 5");
        assertThat(calls).hasValue(5);
        assertThat(retried).containsExactly(2, 3, 4, 5);
        assertThat(slept).hasSize(4);
    }

    @Test
    void poisonIsNeverRetried() {
        var calls = new AtomicInteger();
        var poison = new IllegalArgumentException("missing field text");

        assertThatThrownBy(
                        () ->
                                retry(POLICY, 0.5)
                                        .run(
                                                () -> {
                                                    calls.incrementAndGet();
                                                    throw poison;
                                                },
                                                this::onRetry))
                .isSameAs(poison);
        assertThat(calls).hasValue(1);
        assertThat(retried).isEmpty();
        assertThat(slept).isEmpty();
    }

    @Test
    void poisonAfterATransientFailureStopsTheRetries() {
        var calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                retry(POLICY, 0.0)
                                        .run(
                                                () -> {
                                                    if (calls.incrementAndGet() == 1) {
                                                        throw new IllegalStateException("lock");
                                                    }
                                                    throw new IllegalArgumentException("bad");
                                                },
                                                this::onRetry))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void theBackoffDoublesUpToTheMaximumAndTheJitterStaysWithinHalfToFullCap() {
        var policy =
                new TransientRetry.Policy(
                        20, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofHours(1));
        var caps = new long[] {200, 400, 800, 1600, 3200, 5000, 5000, 5000};

        for (int i = 0; i < caps.length; i++) {
            int attempt = i + 2;
            assertThat(retry(policy, 0.999999).delayBefore(attempt).toMillis()).isEqualTo(caps[i]);
            assertThat(retry(policy, 0.0).delayBefore(attempt).toMillis()).isEqualTo(caps[i] / 2);
        }
        assertThat(retry(policy, 0.5).delayBefore(1000)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> retry(policy, 0.5).delayBefore(1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTotalTimeBoundsTheRetriesEvenWithAttemptsLeft() {
        var policy =
                new TransientRetry.Policy(
                        100, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(2));
        var calls = new AtomicInteger();

        assertThatThrownBy(
                        () ->
                                retry(policy, 1.0)
                                        .run(
                                                () -> {
                                                    calls.incrementAndGet();
                                                    throw new IllegalStateException("down");
                                                },
                                                this::onRetry))
                .isInstanceOf(IllegalStateException.class);
        // 200 + 400 + 800 = 1400 ms slept; the next 1600 ms would pass the 2 s budget.
        assertThat(calls).hasValue(4);
        assertThat(slept.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(1400);
    }

    @Test
    void anInterruptStopsRetryingAndKeepsTheInterruptFlag() {
        var failure = new IllegalStateException("down");
        var retry =
                new TransientRetry(
                        POLICY,
                        e -> false,
                        d -> {
                            throw new InterruptedException("shutdown");
                        },
                        () -> 0L,
                        () -> 0.5);
        try {
            assertThatThrownBy(
                            () ->
                                    retry.run(
                                            () -> {
                                                throw failure;
                                            },
                                            this::onRetry))
                    .isSameAs(failure);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aPolicyWithoutAttemptsOrWithTheCapBelowTheStartIsRefused() {
        assertThatThrownBy(
                        () ->
                                new TransientRetry.Policy(
                                        0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new TransientRetry.Policy(
                                        3,
                                        Duration.ofSeconds(1),
                                        Duration.ofMillis(10),
                                        Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
