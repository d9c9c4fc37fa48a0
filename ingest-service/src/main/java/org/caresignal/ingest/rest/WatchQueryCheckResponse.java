package org.caresignal.ingest.rest;

import java.util.List;

/** The query as parsed (fully parenthesised) and, for each sample text, whether it matches. */
public record WatchQueryCheckResponse(String parsed, List<Result> results) {

    /** One sample text and the verdict. */
    public record Result(String text, boolean matches) {}
}
