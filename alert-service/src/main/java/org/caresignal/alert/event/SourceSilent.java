package org.caresignal.alert.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.BrandIds;

/**
 * {@code SourceSilent} v1 from {@code sources.silent.v1} (golden file {@code
 * docs/events/SourceSilent.v1.json}): a connector of the brand delivered no new post for its {@code
 * silentAfter}, or its source refuses requests for long. {@code lastItemAt}, {@code silentAfter}
 * and {@code lastError} may be null; the optional {@code reason} ({@code NO_ITEMS}, {@code
 * FAILING}, {@code RATE_LIMITED}, absent from older producers; a name this service does not know is
 * shown as it is) and {@code rateLimitedUntil} may be missing or null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceSilent(
        UUID eventId,
        String eventType,
        Integer schemaVersion,
        Instant occurredAt,
        String connectorId,
        String brandId,
        String source,
        Instant silentSince,
        Instant lastItemAt,
        String silentAfter,
        String lastError,
        String reason,
        Instant rateLimitedUntil)
        implements SourceEvent {

    public static final String TYPE = "SourceSilent";

    /** The reason reported early for a source that is out of requests. */
    public static final String RATE_LIMITED = "RATE_LIMITED";

    /** The reason for a silent source whose last poll failed. */
    public static final String FAILING = "FAILING";

    /** Checks the fields this service needs; a missing or invalid one makes the record poison. */
    public SourceSilent validated() {
        require(eventId, "eventId");
        require(occurredAt, "occurredAt");
        require(connectorId, "connectorId");
        require(brandId, "brandId");
        require(source, "source");
        require(silentSince, "silentSince");
        if (eventType != null && !TYPE.equals(eventType)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "eventType is not " + TYPE);
        }
        if (!BrandIds.isValid(brandId)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "brandId is not a slug");
        }
        if (connectorId.isBlank() || connectorId.length() > 128 || source.isBlank()) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD,
                    "connectorId or source is blank or too long");
        }
        if (reason != null && !EventNames.isName(reason)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "reason is not an upper-case name");
        }
        return this;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidEventException(
                    InvalidEventException.MISSING_FIELD, field + " is missing");
        }
    }
}
