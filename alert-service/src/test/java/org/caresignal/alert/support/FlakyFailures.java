package org.caresignal.alert.support;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Which ids the test-only flaky services fail, and how often they were called: a failure is the one
 * a lost database connection raises (so the consumers must wait it out), or an unexpected one.
 */
public final class FlakyFailures {

    private static final Map<UUID, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    private static final Map<UUID, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Map<UUID, Boolean> UNEXPECTED = new ConcurrentHashMap<>();

    private FlakyFailures() {}

    /** Makes the next {@code failures} attempts to process this id fail. */
    public static void failNext(UUID id, int failures) {
        UNEXPECTED.remove(id);
        FAILURES_LEFT.put(id, new AtomicInteger(failures));
    }

    /**
     * Makes the next {@code failures} attempts fail with an exception that says nothing about the
     * database (a bug, say) while the database answers.
     */
    public static void failNextUnexpectedly(UUID id, int failures) {
        UNEXPECTED.put(id, Boolean.TRUE);
        FAILURES_LEFT.put(id, new AtomicInteger(failures));
    }

    /** How often processing was attempted for this id. */
    public static int calls(UUID id) {
        var calls = CALLS.get(id);
        return calls == null ? 0 : calls.get();
    }

    /** Counts the call and throws when the id still has failures left. */
    static void maybeFail(UUID id) {
        CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        var left = FAILURES_LEFT.get(id);
        if (left != null && left.getAndDecrement() > 0) {
            if (UNEXPECTED.containsKey(id)) {
                throw new IllegalStateException("simulated bug");
            }
            throw new JDBCConnectionException(
                    "simulated outage",
                    new SQLException("Connection to localhost refused", "08001"));
        }
    }
}
