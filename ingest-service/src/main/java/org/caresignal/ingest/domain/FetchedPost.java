package org.caresignal.ingest.domain;

import java.time.Instant;

/**
 * A post a connector found, normalised to plain text: its global id at the source (the dedup key),
 * link, text, time and author; nothing is matched or redacted yet.
 */
public record FetchedPost(
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        String authorHandle,
        String authorName) {}
