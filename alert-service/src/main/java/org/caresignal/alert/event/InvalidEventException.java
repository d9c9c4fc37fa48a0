package org.caresignal.alert.event;

/**
 * A record that can never be processed (poison): it goes to the dead-letter topic. The message
 * names the problem, never the post text, because it travels in the dead-letter record's headers.
 */
public class InvalidEventException extends RuntimeException {

    public static final String MALFORMED = "malformed";
    public static final String MISSING_FIELD = "missing-field";
    public static final String INVALID_FIELD = "invalid-field";
    public static final String UNKNOWN_LABEL = "unknown-label";
    public static final String UNKNOWN_EVENT_TYPE = "unknown-event-type";

    private final String reason;
    private final String readAs;

    public InvalidEventException(String reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param readAs the event type the record was read as, once its type is known
     */
    public InvalidEventException(String reason, String message, String readAs) {
        super(message);
        this.reason = reason;
        this.readAs = readAs;
    }

    /** A short fixed token for metrics: {@link #MALFORMED}, {@link #MISSING_FIELD}, ... */
    public String reason() {
        return reason;
    }

    /** The event type the record was read as; null when it failed before its type was known. */
    public String readAs() {
        return readAs;
    }
}
