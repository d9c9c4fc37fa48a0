package org.caresignal.alert.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code ErasureConfirmed} v1 event this service writes to {@code erasures.confirmed.v1} (key:
 * erasure id) once an erasure's transaction committed: how many of the erasure's mentions it held
 * and erased, and which deliveries had carried a link or excerpt of one of them (channels cannot
 * recall a sent message).
 */
public record ErasureConfirmed(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID erasureId,
        String service,
        int erased,
        List<Delivery> deliveries) {

    public static final String TYPE = "ErasureConfirmed";
    public static final String SERVICE = "alert-service";

    public ErasureConfirmed {
        deliveries = List.copyOf(deliveries);
    }

    /**
     * A delivery that carried a link or excerpt of an erased mention.
     *
     * @param sentAt when it was delivered; null if it never was
     */
    public record Delivery(
            UUID deliveryId, UUID channelId, String channelName, UUID incidentId, Instant sentAt) {}

    public static ErasureConfirmed of(UUID erasureId, int erased, List<Delivery> deliveries) {
        return new ErasureConfirmed(
                UUID.randomUUID(), TYPE, 1, Instant.now(), erasureId, SERVICE, erased, deliveries);
    }
}
