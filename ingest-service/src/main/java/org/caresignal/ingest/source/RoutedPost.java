package org.caresignal.ingest.source;

import org.caresignal.ingest.domain.FetchedPost;

/**
 * A post of a stream connector with its mention's {@code source}, and optionally the brand (and
 * facility) it belongs to, given by the source itself (a replay file); without a brand the matcher
 * decides.
 */
public record RoutedPost(String source, String brandId, String facilityId, FetchedPost post) {}
