package org.caresignal.sentiment.rest;

/**
 * What to match for an erasure: {@code phrase} (with {@code brandId}, {@code from} and {@code to})
 * and/or {@code url}; times ISO-8601 with an offset.
 */
public record ErasureMatchRequest(
        String brandId, String phrase, String from, String to, String url) {}
