package org.caresignal.ingest.service;

/** The request conflicts with what is stored (an id already taken, a stale version). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
