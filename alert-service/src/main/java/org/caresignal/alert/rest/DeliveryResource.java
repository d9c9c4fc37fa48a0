package org.caresignal.alert.rest;

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

/** The delivery log, newest first. */
@Path("/api/deliveries")
public class DeliveryResource {

    private static final Set<String> STATUSES =
            Set.of(
                    DeliveryRepository.PENDING,
                    DeliveryRepository.DELIVERED,
                    DeliveryRepository.FAILED,
                    DeliveryRepository.SKIPPED);

    private final DeliveryRepository deliveries;

    public DeliveryResource(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Transactional
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
                .map(
                        d ->
                                new DeliveryResponse(
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
                                        d.deliveredAt()))
                .toList();
    }
}
