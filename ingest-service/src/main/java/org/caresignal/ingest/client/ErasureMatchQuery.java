package org.caresignal.ingest.client;

import java.time.Instant;

/**
 * What sentiment-service matches: a phrase within a brand and [from, to) of publication, or (with
 * the other fields null) one post URL exactly.
 */
public record ErasureMatchQuery(
        String brandId, String phrase, Instant from, Instant to, String url) {}
