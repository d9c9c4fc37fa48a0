package org.caresignal.alert.messaging;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.common.errors.RetriableException;
import org.caresignal.alert.domain.TransientFailures;
import org.caresignal.alert.event.InvalidEventException;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Runs a consumer's unit of work (idempotent per record) so that a database outage costs time,
 * never the record: while the database does not answer, the work is retried without limit and the
 * record stays unacknowledged; poison is never retried, and any other failure is retried a bounded
 * number of times, after which it reaches the channel's dead-letter topic.
 */
// Why retrying in place rather than nacking or pausing by hand: the Kafka connector polls on its
// own thread and pauses the partitions by itself once its queue of unprocessed records is full, so
// a worker blocked here holds back only what follows it and the consumer keeps its group
// membership; nothing is committed past an unacknowledged record, so nothing is skipped, and the
// record is retried in its place, so the order per key is the one in the partition. A nack would
// dead-letter the record (the failure strategy) and a redelivery from Kafka cannot be asked for
// one record without seeking the whole partition back.
@ApplicationScoped
public class OutageTolerantProcessing {

    private static final int MAX_REASON = 200;
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    // While the application stops, the database and Hibernate go away under a record being
    // processed: that record must wait for the next start, not be dead-lettered.
    private volatile boolean stopping;

    public OutageTolerantProcessing(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Runs the work, waiting with growing pauses for as long as the database is unavailable; throws
     * what the work threw when it is poison or failed otherwise on every bounded attempt.
     *
     * @param what the kind of record, for the log (e.g. "Mention")
     * @param id the record's id, for the log; never its content
     */
    // Tuned in application.properties (quarkus.fault-tolerance."<this class>/call".*).
    @Retry(
            maxRetries = -1,
            maxDuration = 0,
            delay = 500,
            jitter = 0,
            retryOn = DatabaseUnavailableException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    public <T> T call(String what, Object id, Supplier<T> work) {
        // A call on this bean itself: Quarkus intercepts it, so attempt's own retry applies.
        return attempt(what, id, work);
    }

    /** Like {@link #call} for work without a result. */
    public void run(String what, Object id, Runnable work) {
        call(
                what,
                id,
                () -> {
                    work.run();
                    return null;
                });
    }

    /**
     * One try of the work with a bounded retry of failures that are neither poison nor an outage
     * (an outage is handed to {@link #call}'s unbounded retry as a {@link
     * DatabaseUnavailableException}).
     */
    // Tuned in application.properties (quarkus.fault-tolerance."<this class>/attempt".*).
    @Retry(
            maxRetries = 4,
            delay = 200,
            jitter = 0,
            abortOn = {
                DatabaseUnavailableException.class,
                InvalidEventException.class,
                IllegalArgumentException.class
            })
    @ExponentialBackoff(factor = 2, maxDelay = 5_000)
    public <T> T attempt(String what, Object id, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            if (isPoison(failure)) {
                throw failure;
            }
            if (stopping || isOutage(failure)) {
                Log.warnf(
                        "%s %s waits for the database (%s: %s); it stays unacknowledged and is"
                                + " tried again",
                        what, id, failure.getClass().getName(), reason(failure));
                throw new DatabaseUnavailableException(failure);
            }
            Log.warnf(
                    failure,
                    "%s %s failed (%s: %s); retried a bounded number of times, then"
                            + " dead-lettered",
                    what,
                    id,
                    failure.getClass().getName(),
                    reason(failure));
            throw failure;
        }
    }

    /**
     * Whether a failure is bad input, which no retry can fix: only our own verdict on the event,
     * never a library's IllegalArgumentException (Hibernate throws one while it shuts down).
     */
    static boolean isPoison(RuntimeException failure) {
        return failure instanceof InvalidEventException;
    }

    private boolean isOutage(RuntimeException failure) {
        return TransientFailures.isDatabaseOutage(failure)
                || hasCause(failure, RetriableException.class)
                // Not every lost connection says so (e.g. a pool's acquisition timeout): ask.
                || !databaseAnswers();
    }

    private boolean databaseAnswers() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        var current = failure;
        for (int depth = 0; current != null && depth < 32; depth++) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
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
