package org.caresignal.ingest.source;

import java.time.Instant;
import org.caresignal.ingest.domain.RateLimit;

/**
 * A poll that failed, classified so the poller can back off correctly; its message is a fixed text
 * per class plus the HTTP status (never text a remote host sent, never a credential or URL), so it
 * is safe to log, to store as the connector's last error and to show in {@code GET /api/sources}.
 */
public class SourceFailure extends RuntimeException {

    /** Why the poll failed. */
    public enum Kind {
        DNS("the host name could not be resolved"),
        CONNECT("the connection failed"),
        TLS("the TLS handshake failed"),
        TIMEOUT("no complete answer within the deadline"),
        TOO_LARGE("the answer exceeded the byte cap"),
        BLOCKED_ADDRESS("the destination is not allowed (internal address or scheme)"),
        REDIRECT("a redirect was refused (too many, or from https to http)"),
        RATE_LIMITED("the source is rate limiting us"),
        SERVER_ERROR("the source failed"),
        HTTP_STATUS("the source refused the request"),
        MALFORMED("the answer could not be read"),
        CREDENTIAL("the connector's credential is missing or unreadable"),
        FILE("the replay file cannot be read");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** The fixed description shown for this class. */
        public String text() {
            return text;
        }
    }

    private final Kind kind;
    private final int status;
    private final Instant retryAt;
    private final RateLimit rateLimit;
    private final String errorCode;

    private SourceFailure(
            Kind kind,
            int status,
            String message,
            Instant retryAt,
            RateLimit rateLimit,
            String errorCode) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAt = retryAt;
        this.rateLimit = rateLimit;
        this.errorCode = errorCode;
    }

    /** A failure of this class, with the status of the answer (0 when there was none). */
    public static SourceFailure of(Kind kind, int status) {
        return new SourceFailure(kind, status, message(kind, status, null), null, null, null);
    }

    /** A failure of this class with the rate-limit state the answer carried. */
    public static SourceFailure of(Kind kind, int status, RateLimit rateLimit) {
        return new SourceFailure(kind, status, message(kind, status, null), null, rateLimit, null);
    }

    /**
     * A failure with a hint written by this service (never remote text), e.g. which credential
     * format is expected.
     */
    public static SourceFailure withHint(Kind kind, String hint) {
        return new SourceFailure(kind, 0, message(kind, 0, hint), null, null, null);
    }

    /**
     * A non-2xx answer: 429 is RATE_LIMITED, 5xx SERVER_ERROR, anything else HTTP_STATUS; {@code
     * errorCode} is a machine token from the error body (e.g. Bluesky's {@code ExpiredToken}) for
     * the client's own decisions, never shown.
     */
    public static SourceFailure http(
            int status, Instant retryAt, RateLimit rateLimit, String errorCode) {
        var kind =
                status == 429
                        ? Kind.RATE_LIMITED
                        : status >= 500 ? Kind.SERVER_ERROR : Kind.HTTP_STATUS;
        return new SourceFailure(
                kind, status, message(kind, status, null), retryAt, rateLimit, errorCode);
    }

    private static String message(Kind kind, int status, String hint) {
        return kind.name()
                + (status > 0 ? " " + status : "")
                + ": "
                + kind.text()
                + (hint == null ? "" : " (" + hint + ")");
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

    /** The machine error token of the answer's JSON body ({@code error}), or null; never shown. */
    public String errorCode() {
        return errorCode;
    }
}
