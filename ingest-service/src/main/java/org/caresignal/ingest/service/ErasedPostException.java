package org.caresignal.ingest.service;

/**
 * A pushed post that was erased on request before: refused, and the answer repeats nothing of it
 * (no URL, no id at its source).
 */
public class ErasedPostException extends RuntimeException {

    public static final String DETAIL =
            "this post was erased on request; it is refused and neither stored nor published";

    public ErasedPostException() {
        super(DETAIL);
    }
}
