package org.caresignal.alert.domain.channel;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before attempt {@code n + 1} (after {@code n} failed ones) wait
 * {@code d = min(max, base * 2^(n-1))}, drawn uniformly from {@code [d/2, d]}; a server's {@code
 * Retry-After} wins when it asks for longer (capped at {@code max}).
 */
public record Backoff(Duration base, Duration max) {

    public Duration delay(int failedAttempts, Duration retryAfter, DoubleSupplier random) {
        int exponent = Math.max(0, Math.min(30, failedAttempts - 1));
        long capped = Math.min(max.toMillis(), base.toMillis() * (1L << exponent));
        long jittered = capped / 2 + Math.round(random.getAsDouble() * (capped - capped / 2));
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        return Duration.ofMillis(jittered);
    }
}
