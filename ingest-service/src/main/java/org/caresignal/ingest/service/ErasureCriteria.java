package org.caresignal.ingest.service;

import java.time.Instant;
import org.caresignal.ingest.domain.ErasureKind;

/**
 * What an admin asks to erase, already validated at the edge: by URL (url), by post (source and
 * externalId), by author (source and handle, optionally one brand), or by phrase (brandId, phrase
 * and the [from, to) range of publication).
 */
public record ErasureCriteria(
        ErasureKind by,
        String url,
        String source,
        String externalId,
        String handle,
        String brandId,
        String phrase,
        Instant from,
        Instant to) {}
