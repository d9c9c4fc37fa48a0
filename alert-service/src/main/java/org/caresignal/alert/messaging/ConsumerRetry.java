package org.caresignal.alert.messaging;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.caresignal.alert.config.ConsumerRetryConfig;
import org.caresignal.alert.domain.TransientRetry;
import org.caresignal.alert.event.InvalidEventException;

/**
 * The consumers' retry of transient processing failures, configured from {@code
 * caresignal.alert.consumer.retry.*}; poison (an {@link InvalidEventException} or an {@link
 * IllegalArgumentException}) is never retried, so it still goes straight to the dead-letter topic.
 */
@ApplicationScoped
public class ConsumerRetry {

    private static final int MAX_REASON = 200;

    private final TransientRetry retry;

    public ConsumerRetry(ConsumerRetryConfig config) {
        this.retry =
                new TransientRetry(
                        new TransientRetry.Policy(
                                config.maxAttempts(),
                                config.initialBackoff(),
                                config.maxBackoff(),
                                config.maxTotal()),
                        ConsumerRetry::isPoison,
                        delay -> Thread.sleep(delay.toMillis()),
                        System::nanoTime,
                        () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Whether a failure is bad input, which no retry can fix. */
    static boolean isPoison(RuntimeException failure) {
        return failure instanceof InvalidEventException
                || failure instanceof IllegalArgumentException;
    }

    /**
     * Processes one record, retrying transient failures; throws the last failure when it is poison
     * or the retries are exhausted, which nacks the record to the dead-letter topic.
     *
     * @param what the kind of record, for the log (e.g. "Mention")
     * @param id the record's id, for the log; never its content
     */
    public void run(String what, Object id, Runnable processing) {
        call(
                what,
                id,
                () -> {
                    processing.run();
                    return null;
                });
    }

    /** Like {@link #run} for processing with a result. */
    public <T> T call(String what, Object id, Supplier<T> processing) {
        return retry.call(
                processing,
                (attempt, delay, failure) ->
                        Log.warnf(
                                "%s %s failed transiently (%s: %s); attempt %d of %d in %d ms",
                                what,
                                id,
                                failure.getClass().getName(),
                                reason(failure),
                                attempt,
                                retry.policy().maxAttempts(),
                                delay.toMillis()));
    }

    public int maxAttempts() {
        return retry.policy().maxAttempts();
    }

    // The first line only, shortened: a database error's detail lines can quote the failing row,
    // and with it the post text.
    static String reason(Throwable failure) {
        var message = failure.getMessage();
        if (message == null) {
            return "no message";
        }
        var line = message.lines().findFirst().orElse("").strip();
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "…" : line;
    }
}
