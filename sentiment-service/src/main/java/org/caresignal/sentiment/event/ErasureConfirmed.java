package org.caresignal.sentiment.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code ErasureConfirmed} v1 event this service writes to {@code erasures.confirmed.v1}, keyed
 * by erasure id, once an erasure has committed; field for field the golden example {@code
 * docs/events/ErasureConfirmed.v1.json}. This service sends no deliveries (always empty).
 */
public record ErasureConfirmed(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID erasureId,
        String service,
        int erased,
        List<Object> deliveries) {

    public static final String TYPE = "ErasureConfirmed";
    public static final int VERSION = 1;
    public static final String SERVICE = "sentiment-service";

    /**
     * The confirmation that {@code erased} of the erasure's mentions were held here and erased. Its
     * event id is derived from the erasure, so a confirmation sent again (a redelivered erasure) is
     * recognisably the same one.
     */
    public static ErasureConfirmed of(UUID erasureId, int erased, Instant at) {
        var eventId =
                UUID.nameUUIDFromBytes(
                        (TYPE + "|" + erasureId + "|" + SERVICE)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new ErasureConfirmed(
                eventId, TYPE, VERSION, at, erasureId, SERVICE, erased, List.of());
    }
}
