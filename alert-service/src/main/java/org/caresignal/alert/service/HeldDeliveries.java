package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.routing.Route;
import org.caresignal.alert.repository.DeliveryRepository;

/**
 * Keeps deliveries held by a route's quiet hours in step with edits of that route: an edited,
 * enabled route re-evaluates each delivery it holds against its new quiet hours at the time of the
 * edit (held longer or shorter, or released now when the window or the override no longer holds
 * it). A disabled or deleted route leaves its holds as recorded, so they go out when the recorded
 * window ends: never lost, never woken early by a removal. Runs in the edit's transaction, under
 * the held rows' locks, so a delivery the dispatcher is releasing at that moment is left to it and
 * nothing is sent twice.
 */
@ApplicationScoped
public class HeldDeliveries {

    private final DeliveryRepository deliveries;
    private final ObjectMapper mapper;

    public HeldDeliveries(DeliveryRepository deliveries, ObjectMapper mapper) {
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    /** Re-evaluates the route's held deliveries after an edit; returns how many were released. */
    public int routeChanged(Route route, Instant now) {
        if (!route.enabled()) {
            return 0;
        }
        int released = 0;
        for (var delivery : deliveries.heldByRoute(route.id())) {
            var quiet = route.quietHours();
            var until =
                    quiet == null
                            ? java.util.Optional.<Instant>empty()
                            : quiet.heldUntil(now, severityOf(delivery));
            if (until.isEmpty()) {
                deliveries.release(
                        delivery.id(),
                        now,
                        "released: route '" + route.name() + "' no longer holds it");
                released++;
            } else if (!until.get().equals(delivery.heldUntil())) {
                deliveries.rehold(
                        delivery.id(),
                        new DeliveryRepository.Hold(until.get(), route.id(), quiet.zone().getId()),
                        "held for the quiet hours of route '"
                                + route.name()
                                + "' until "
                                + until.get());
            }
        }
        if (released > 0) {
            Log.infof("Route %s edited: released %d held deliveries", route.id(), released);
        }
        return released;
    }

    private Severity severityOf(DeliveryRepository.Delivery delivery) {
        try {
            return Severity.valueOf(mapper.readTree(delivery.payload()).path("severity").asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // An unreadable payload cannot be judged against the override: keep its quiet.
            return Severity.LOW;
        }
    }
}
