package org.caresignal.ingest.service;

import java.util.List;
import org.caresignal.ingest.domain.Facility;

/** A brand as a client wants it stored, validated field by field at the edge. */
public record BrandDraft(String id, String name, String watchQuery, List<Facility> facilities) {}
