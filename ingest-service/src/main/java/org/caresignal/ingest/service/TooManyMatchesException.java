package org.caresignal.ingest.service;

/** An erasure that matches more mentions than one erasure may name: the admin narrows it. */
public class TooManyMatchesException extends RuntimeException {

    public TooManyMatchesException(int max) {
        super(
                "more than "
                        + max
                        + " mentions match; narrow the request (a shorter time range, a brand, a"
                        + " longer phrase) and erase in parts");
    }
}
