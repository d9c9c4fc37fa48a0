package org.caresignal.alert.outbound;

/**
 * Why an outbound call failed, by class (and the HTTP status for {@link Kind#HTTP_STATUS}); its
 * text is fixed per class, never anything the remote host sent, so it is safe to store and show.
 */
public final class OutboundFailure extends Exception {

    /** The classes of failure an operator can act on. */
    public enum Kind {
        DNS,
        CONNECT,
        TLS,
        TIMEOUT,
        TOO_LARGE,
        BLOCKED_ADDRESS,
        HTTP_STATUS,
        MALFORMED
    }

    private final Kind kind;
    private final Integer status;

    public OutboundFailure(Kind kind, Integer status) {
        super(describe(kind, status), null, false, false);
        this.kind = kind;
        this.status = status;
    }

    public OutboundFailure(Kind kind) {
        this(kind, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of an {@link Kind#HTTP_STATUS} failure, else null. */
    public Integer status() {
        return status;
    }

    /** {@code TIMEOUT}, {@code HTTP_STATUS 503}: the class and status only. */
    public String describe() {
        return describe(kind, status);
    }

    private static String describe(Kind kind, Integer status) {
        return status == null ? kind.name() : kind.name() + " " + status;
    }
}
