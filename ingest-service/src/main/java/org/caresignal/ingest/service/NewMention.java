package org.caresignal.ingest.service;

import java.time.Instant;

/** A post accepted for ingestion, already validated at the edge; publishedAt may be null (now). */
public record NewMention(
        String brandId,
        String facilityId,
        String source,
        String externalId,
        String url,
        String text,
        Instant publishedAt) {}
