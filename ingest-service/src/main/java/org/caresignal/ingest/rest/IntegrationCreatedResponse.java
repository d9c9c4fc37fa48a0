package org.caresignal.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.service.IntegrationService;

/** A new integration with its API key: the only answer that ever contains the key. */
public record IntegrationCreatedResponse(
        UUID id,
        String name,
        String origin,
        List<String> brandIds,
        boolean allBrands,
        String keyPrefix,
        Instant createdAt,
        String key) {

    static IntegrationCreatedResponse from(IntegrationService.Created created) {
        var i = created.integration();
        return new IntegrationCreatedResponse(
                i.id,
                i.name,
                i.origin,
                i.allowedBrands(),
                i.allBrands,
                i.keyPrefix,
                i.createdAt,
                created.key());
    }
}
