package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.repository.DeliveryRepository;
import org.caresignal.alert.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The delivery log, newest first. */
@Path("/api/deliveries")
public class DeliveryResource {

    private static final Set<String> STATUSES =
            Set.of(
                    DeliveryRepository.HELD,
                    DeliveryRepository.PENDING,
                    DeliveryRepository.DELIVERED,
                    DeliveryRepository.FAILED,
                    DeliveryRepository.SKIPPED);

    private final DeliveryRepository deliveries;

    public DeliveryResource(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Transactional
    @Operation(
            summary = "The delivery log, newest first",
            description =
                    "status filters by HELD (waiting for a route's quiet hours: heldUntil, UTC,"
                            + " and heldZone / heldUntilLocal), PENDING, DELIVERED, FAILED or"
                            + " SKIPPED")
    public List<DeliveryResponse> list(
            @QueryParam("incident") UUID incident,
            @QueryParam("channel") UUID channel,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidWindowException("limit", "must be between 1 and 500");
        }
        var wanted = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new InvalidWindowException("status", "must be one of " + STATUSES);
        }
        return deliveries.search(incident, channel, wanted, limit).stream()
                .map(DeliveryResponse::from)
                .toList();
    }
}
