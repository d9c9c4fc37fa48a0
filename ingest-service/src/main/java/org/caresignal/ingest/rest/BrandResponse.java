package org.caresignal.ingest.rest;

import java.time.Instant;
import java.util.List;
import org.caresignal.ingest.domain.Brand;
import org.caresignal.ingest.domain.Facility;

/** A stored brand as the API shows it. */
public record BrandResponse(
        String id,
        String name,
        String watchQuery,
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
                List.copyOf(brand.facilities),
                brand.keepStaffNames,
                brand.createdAt,
                brand.updatedAt,
                brand.version);
    }
}
