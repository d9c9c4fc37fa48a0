package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A source connector and its health from ingest-service's {@code GET /api/sources}. The source's
 * last error text is left out on purpose: it is a remote host's words, never shown to users.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Source(String id, String kind, String brandId, boolean enabled, Health health) {

    /** How the connector is doing (status OK, RATE_LIMITED, FAILING, NEVER_POLLED, ...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(
            String status,
            Instant lastPollAt,
            Instant lastSuccessAt,
            Instant lastErrorAt,
            int consecutiveFailures,
            Instant nextPollAt,
            RateLimit rateLimit,
            long mentionsLastHour,
            Instant lastItemAt,
            boolean silent,
            Instant asOf,
            boolean stale) {}

    /** The source's last reported rate-limit headers (null when it did not say). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RateLimit(Long limit, Long remaining, Instant resetAt) {}
}
