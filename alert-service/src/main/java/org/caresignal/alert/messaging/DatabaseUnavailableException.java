package org.caresignal.alert.messaging;

/** Signals that a unit of work failed only because the database did not answer; it is retried. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(Throwable cause) {
        super("database unavailable", cause);
    }
}
