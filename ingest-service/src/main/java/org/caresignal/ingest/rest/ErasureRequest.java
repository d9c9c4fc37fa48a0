package org.caresignal.ingest.rest;

import java.time.Instant;

/**
 * Body of {@code POST /api/erasures}: {@code by} is URL (url), POST (source, externalId), AUTHOR
 * (source, handle, optionally brandId) or PHRASE (brandId, phrase of at least 3 characters, from
 * and to at most 366 days apart); {@code dryRun} only counts the matches.
 */
public record ErasureRequest(
        String by,
        String url,
        String source,
        String externalId,
        String handle,
        String brandId,
        String phrase,
        Instant from,
        Instant to,
        Boolean dryRun) {}
