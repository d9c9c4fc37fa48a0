package org.caresignal.ingest.service;

import java.time.Instant;
import org.caresignal.ingest.domain.PostRef;

/**
 * A post accepted for ingestion, already validated at the edge; publishedAt may be null (now), and
 * so may the author's handle and display name (the webhook has neither), the original it reposts
 * and the integration that pushed it (null for the connectors). The text is still raw.
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
        String authorName,
        PostRef repostOf,
        String integration) {

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

    /** A post found by a connector or pushed without repost information. */
    public NewMention(
            String brandId,
            String facilityId,
            String source,
            String externalId,
            String url,
            String text,
            Instant publishedAt,
            String authorHandle,
            String authorName) {
        this(
                brandId,
                facilityId,
                source,
                externalId,
                url,
                text,
                publishedAt,
                authorHandle,
                authorName,
                null,
                null);
    }

    /** The same post, as pushed by this integration. */
    public NewMention pushedBy(String integrationName) {
        return new NewMention(
                brandId,
                facilityId,
                source,
                externalId,
                url,
                text,
                publishedAt,
                authorHandle,
                authorName,
                repostOf,
                integrationName);
    }
}
