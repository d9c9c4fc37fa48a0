package org.caresignal.sentiment.domain;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;

/**
 * Tells from a failure's cause chain whether it only has to wait for the database to answer again
 * (connection lost or refused, server shutting down, too many connections, a lock or serialization
 * conflict), as opposed to a failure that no amount of waiting fixes.
 */
public final class TransientFailures {

    // SQLSTATE classes and codes that describe the server or the connection, not the statement:
    // 08 connection exception, 53 insufficient resources, 57P operator intervention (admin or
    // crash shutdown, cannot connect now), 40001/40P01 serialization failure and deadlock, 55P03
    // lock not available, 58030 I/O error.
    private static final String[] TRANSIENT_STATE_PREFIXES = {
        "08", "53", "57P", "40001", "40P01", "55P03", "58030"
    };

    private static final int MAX_DEPTH = 32;

    private TransientFailures() {}

    /** Whether the failure, or any of its causes, is one that passes once the database is back. */
    public static boolean isDatabaseOutage(Throwable failure) {
        var seen = new IdentityHashMap<Throwable, Boolean>();
        var current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (seen.put(current, Boolean.TRUE) != null) {
                return false;
            }
            if (current instanceof SQLTransientException
                    || current instanceof SQLRecoverableException) {
                return true;
            }
            if (current instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    /** Whether a SQLSTATE names a condition of the server or connection that may pass. */
    public static boolean isTransientState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        for (var prefix : TRANSIENT_STATE_PREFIXES) {
            if (sqlState.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
