package org.caresignal.ingest.domain;

import java.time.Instant;

/**
 * A post a connector found, normalised to plain text: its global id at the source (the dedup key),
 * link, text, time and author, and for a repost (boost, retweet, quote, crosspost) the id of the
 * original at the same source; nothing is matched or redacted yet.
 */
public record FetchedPost(
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        String authorHandle,
        String authorName,
        String repostOf) {

    /** A post that reposts nothing. */
    public FetchedPost(
            String externalId,
            String url,
            String text,
            Instant publishedAt,
            String authorHandle,
            String authorName) {
        this(externalId, url, text, publishedAt, authorHandle, authorName, null);
    }
}
