package org.caresignal.ingest.service;

import java.time.Duration;
import java.time.Instant;

/** A post claims to be published later than our clock allows. */
public class PublishedInFutureException extends RuntimeException {

    public PublishedInFutureException(Instant publishedAt, Duration skew) {
        super("publishedAt " + publishedAt + " is more than " + skew + " in the future");
    }
}
