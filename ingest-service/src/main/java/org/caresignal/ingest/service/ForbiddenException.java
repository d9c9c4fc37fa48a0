package org.caresignal.ingest.service;

/** The caller is known but may not do this (e.g. push mentions for a brand outside its scope). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
