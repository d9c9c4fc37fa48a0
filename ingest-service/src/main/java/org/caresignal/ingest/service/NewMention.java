package org.caresignal.ingest.service;

import java.time.Instant;

/**
 * A post accepted for ingestion, already validated at the edge; publishedAt may be null (now), and
 * so may the author's handle and display name (the webhook has neither). The text is still raw.
 */
public record NewMention(
        String brandId,
        String facilityId,
        String source,
        String externalId,
        String url,
        String text,
        Instant publishedAt,
        String authorHandle,
        String authorName) {

    /** A post without author information. */
    public NewMention(
            String brandId,
            String facilityId,
            String source,
            String externalId,
            String url,
            String text,
            Instant publishedAt) {
        this(brandId, facilityId, source, externalId, url, text, publishedAt, null, null);
    }
}
