package org.caresignal.ingest.rest;

import java.time.Instant;
import java.util.List;
import org.caresignal.ingest.domain.Brand;
import org.caresignal.ingest.domain.Facility;

/**
 * A stored brand as the API shows it; {@code timeZone} is always resolved (the brand's own, else
 * its first facility's with one, else UTC).
 */
public record BrandResponse(
        String id,
        String name,
        String watchQuery,
        String timeZone,
        List<Facility> facilities,
        boolean keepStaffNames,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static BrandResponse from(Brand brand) {
        return new BrandResponse(
                brand.id,
                brand.name,
                brand.watchQuery,
                brand.zone(),
                List.copyOf(brand.facilities),
                brand.keepStaffNames,
                brand.createdAt,
                brand.updatedAt,
                brand.version);
    }
}
