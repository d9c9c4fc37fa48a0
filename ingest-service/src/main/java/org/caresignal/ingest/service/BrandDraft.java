package org.caresignal.ingest.service;

import java.util.List;
import org.caresignal.ingest.domain.Facility;

/**
 * A brand as a client wants it stored, validated field by field at the edge; {@code keepStaffNames}
 * keeps staff named with a title or role in the published text; {@code timeZone} is the brand's own
 * IANA zone or null.
 */
public record BrandDraft(
        String id,
        String name,
        String watchQuery,
        String timeZone,
        List<Facility> facilities,
        boolean keepStaffNames) {}
