package org.caresignal.alert.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs an action and retries it with capped exponential backoff and jitter when it fails for a
 * reason that may pass (a database outage, a lock timeout, a broker briefly away), never when the
 * failure is poison, and rethrows the last failure once the attempts or the time are used up.
 */
public final class TransientRetry {

    /** How often and how long to retry; attempts count the first try. */
    public record Policy(
            int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

        public Policy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(maxTotal, "maxTotal");
            if (initialBackoff.isNegative()
                    || maxBackoff.compareTo(initialBackoff) < 0
                    || maxTotal.isNegative()) {
                throw new IllegalArgumentException(
                        "backoffs must satisfy 0 <= initial <= max and maxTotal >= 0");
            }
        }
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Told before each retry, so the caller can log it with what it knows (e.g. the id). */
    @FunctionalInterface
    public interface Listener {
        void beforeRetry(int nextAttempt, Duration delay, RuntimeException failure);
    }

    private final Policy policy;
    private final Predicate<? super RuntimeException> poison;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;

    /**
     * @param poison failures that must not be retried (unreadable or invalid input)
     * @param nanoClock monotonic nanoseconds, as {@link System#nanoTime()}
     * @param random uniform values in [0, 1), for the jitter
     */
    public TransientRetry(
            Policy policy,
            Predicate<? super RuntimeException> poison,
            Sleeper sleeper,
            LongSupplier nanoClock,
            DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.poison = Objects.requireNonNull(poison, "poison");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Policy policy() {
        return policy;
    }

    /** Runs the action until it succeeds, fails with poison, or the retries are exhausted. */
    public void run(Runnable action, Listener listener) {
        call(
                () -> {
                    action.run();
                    return null;
                },
                listener);
    }

    /** Like {@link #run} for an action with a result. */
    public <T> T call(Supplier<T> action, Listener listener) {
        long start = nanoClock.getAsLong();
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException failure) {
                if (poison.test(failure) || attempt >= policy.maxAttempts()) {
                    throw failure;
                }
                var delay = delayBefore(attempt + 1);
                var elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
                if (elapsed.plus(delay).compareTo(policy.maxTotal()) > 0) {
                    throw failure;
                }
                listener.beforeRetry(attempt + 1, delay, failure);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    // Shutting down: stop retrying, keep the interrupt, fail as the action did.
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(e);
                    throw failure;
                }
            }
        }
    }

    /**
     * The wait before the given attempt (2 or more): the cap is the initial backoff doubled per
     * earlier retry, bounded by the maximum, and the wait is drawn from [cap/2, cap] so that
     * consumers failing together do not retry in step.
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) {
            throw new IllegalArgumentException("there is no wait before the first attempt");
        }
        long initial = policy.initialBackoff().toMillis();
        long max = policy.maxBackoff().toMillis();
        long cap = initial;
        for (int i = 2; i < attempt && cap < max; i++) {
            cap = Math.min(max, cap * 2);
        }
        cap = Math.min(max, cap);
        long half = cap / 2;
        return Duration.ofMillis(half + Math.round(random.getAsDouble() * (cap - half)));
    }
}
