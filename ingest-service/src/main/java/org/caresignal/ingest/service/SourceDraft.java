package org.caresignal.ingest.service;

import java.time.Duration;

/**
 * A connector as an operator wants it; a null credential keeps the stored one (only while the kind
 * and the url's scheme, host and port stay the same), an empty one clears it, and null durations
 * take the configured defaults.
 */
public record SourceDraft(
        String id,
        String kind,
        String brandId,
        String url,
        String query,
        String credential,
        Duration pollInterval,
        Duration silentAfter,
        Boolean enabled) {

    @Override
    public String toString() {
        return "SourceDraft[" + id + ", " + kind + ", brand " + brandId + "]";
    }
}
