package org.caresignal.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.domain.Integration;

/**
 * An integration as the API shows it: never its key, only the key's first characters to tell keys
 * apart; it may push for {@code brandIds}, or for every brand when {@code allBrands}.
 */
public record IntegrationResponse(
        UUID id,
        String name,
        String origin,
        List<String> brandIds,
        boolean allBrands,
        String keyPrefix,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt,
        boolean active) {

    static IntegrationResponse from(Integration i) {
        return new IntegrationResponse(
                i.id,
                i.name,
                i.origin,
                i.allowedBrands(),
                i.allBrands,
                i.keyPrefix,
                i.createdAt,
                i.lastUsedAt,
                i.revokedAt,
                i.active());
    }
}
