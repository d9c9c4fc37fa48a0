package org.caresignal.ingest.source;

import java.time.Instant;
import org.caresignal.ingest.domain.RateLimit;

/**
 * A poll that failed, classified so the poller can back off correctly; the message is safe to log
 * and to show (no credential, no URL, no body beyond a short error string).
 */
public class SourceFailure extends RuntimeException {

    /** Why the poll failed. */
    public enum Kind {
        RATE_LIMITED,
        SERVER_ERROR,
        REJECTED,
        MALFORMED,
        TIMEOUT,
        NETWORK
    }

    private final Kind kind;
    private final int status;
    private final Instant retryAt;
    private final RateLimit rateLimit;

    public SourceFailure(
            Kind kind, int status, String message, Instant retryAt, RateLimit rateLimit) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAt = retryAt;
        this.rateLimit = rateLimit;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** When the source asked us to come back (Retry-After, rate-limit reset), or null. */
    public Instant retryAt() {
        return retryAt;
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }
}
