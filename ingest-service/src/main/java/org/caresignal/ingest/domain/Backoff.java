package org.caresignal.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * How long a failing connector waits before its next attempt: exponential in the number of
 * consecutive failures, capped, with jitter so that connectors failing together do not retry
 * together; never earlier than the source asked (Retry-After or its rate-limit reset).
 */
public final class Backoff {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The next attempt after the given consecutive failure (1 = the first). */
    public Instant next(Instant now, int failures, Instant sourceAsked) {
        var exponent = Math.min(Math.max(failures - 1, 0), 20);
        var base = Math.min(max.toMillis(), min.toMillis() << exponent);
        // Jitter in [base/2, base].
        var delay = base / 2 + random.nextLong(base / 2 + 1);
        var ours = now.plusMillis(delay);
        if (sourceAsked != null && sourceAsked.isAfter(ours)) {
            // Up to 10% (at most a minute) later than asked, so that many clients do not return at
            // once.
            var span = Math.min(60_000, Duration.between(now, sourceAsked).toMillis() / 10);
            return sourceAsked.plusMillis(span <= 0 ? 0 : random.nextLong(span + 1));
        }
        return ours;
    }
}
