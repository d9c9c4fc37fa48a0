package org.caresignal.alert.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.BrandIds;

/**
 * {@code SourceRecovered} v1 from {@code sources.silent.v1} (golden file {@code
 * docs/events/SourceRecovered.v1.json}): a connector of the brand that was reported silent delivers
 * again, or an operator disabled or deleted it. {@code silenceEventId}, {@code firstItemAt}, {@code
 * recoveredAt} and {@code silentFor} may be null; the optional {@code resolution} ({@code
 * DELIVERING}, {@code DISABLED}, {@code DELETED}; absent from older producers) may be missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceRecovered(
        UUID eventId,
        String eventType,
        Integer schemaVersion,
        Instant occurredAt,
        String connectorId,
        String brandId,
        String source,
        Instant silentSince,
        UUID silenceEventId,
        Instant firstItemAt,
        Instant recoveredAt,
        String silentFor,
        String resolution)
        implements SourceEvent {

    public static final String TYPE = "SourceRecovered";

    /** The resolution of a connector an operator disabled. */
    public static final String DISABLED = "DISABLED";

    /** The resolution of a connector an operator deleted. */
    public static final String DELETED = "DELETED";

    /** Checks the fields this service needs; a missing or invalid one makes the record poison. */
    public SourceRecovered validated() {
        require(eventId, "eventId");
        require(occurredAt, "occurredAt");
        require(connectorId, "connectorId");
        require(brandId, "brandId");
        require(source, "source");
        require(silentSince, "silentSince");
        if (!BrandIds.isValid(brandId)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "brandId is not a slug");
        }
        if (connectorId.isBlank() || connectorId.length() > 128 || source.isBlank()) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD,
                    "connectorId or source is blank or too long");
        }
        if (resolution != null && !EventNames.isName(resolution)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "resolution is not an upper-case name");
        }
        return this;
    }

    /** When the source delivered again: the first new post, else when ingest reported it. */
    public Instant backAt() {
        return firstItemAt != null ? firstItemAt : occurredAt;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidEventException(
                    InvalidEventException.MISSING_FIELD, field + " is missing");
        }
    }
}
