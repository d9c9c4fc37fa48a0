package org.caresignal.ingest.domain;

/**
 * A source answered with a body we cannot read (broken XML or JSON, an HTML page, a wrong shape).
 */
public class MalformedSourceResponseException extends RuntimeException {

    public MalformedSourceResponseException(String message) {
        super(message);
    }

    public MalformedSourceResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
