package org.caresignal.alert.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.caresignal.alert.repository.DeliveryRepository;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of the delivery log. */
@Schema(name = "Delivery")
public record DeliveryResponse(
        UUID id,
        UUID incidentId,
        UUID channelId,
        UUID eventId,
        String change,
        @Schema(
                        enumeration = {"HELD", "PENDING", "DELIVERED", "FAILED", "SKIPPED"},
                        description =
                                "HELD: waiting for the quiet hours of route heldRouteId to end"
                                        + " at heldUntil, then PENDING (being sent or retried),"
                                        + " DELIVERED or FAILED; SKIPPED: never sent (snoozed, or"
                                        + " resolved before its held page went out)")
                String status,
        int attempts,
        @Schema(description = "the last error, or why the delivery is held, released or skipped")
                String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt,
        @Schema(
                        description =
                                "when the quiet hours that hold (or held) this delivery end, UTC;"
                                        + " null when it was never held",
                        example = "2026-01-15T12:00:00Z")
                Instant heldUntil,
        @Schema(
                        description = "the IANA zone of the holding route's quiet hours",
                        example = "America/New_York")
                String heldZone,
        @Schema(
                        description = "heldUntil in heldZone's local time, with its offset",
                        example = "2026-01-15T07:00:00-05:00")
                OffsetDateTime heldUntilLocal,
        @Schema(description = "the route whose quiet hours hold (or held) this delivery")
                UUID heldRouteId) {

    public static DeliveryResponse from(DeliveryRepository.Delivery d) {
        OffsetDateTime local = null;
        if (d.heldUntil() != null && d.heldZone() != null) {
            local = d.heldUntil().atZone(ZoneId.of(d.heldZone())).toOffsetDateTime();
        }
        return new DeliveryResponse(
                d.id(),
                d.incidentId(),
                d.channelId(),
                d.eventId(),
                d.change(),
                d.status(),
                d.attempts(),
                d.lastError(),
                d.nextAttemptAt(),
                d.createdAt(),
                d.deliveredAt(),
                d.heldUntil(),
                d.heldZone(),
                local,
                d.heldRouteId());
    }
}
