package org.caresignal.ingest.service;

/**
 * sentiment-service, which holds the text an erasure by phrase (or an old URL) is matched on, could
 * not answer: nothing was erased, and the request may be sent again.
 */
public class MatchesUnavailableException extends RuntimeException {

    public MatchesUnavailableException(String message) {
        super(message);
    }
}
