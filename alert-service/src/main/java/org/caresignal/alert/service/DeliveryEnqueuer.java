package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.domain.channel.ChannelPayloads;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IncidentKind;
import org.caresignal.alert.domain.routing.QuietHours;
import org.caresignal.alert.domain.routing.Route;
import org.caresignal.alert.domain.routing.Routing;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.DeliveryRepository;
import org.caresignal.alert.repository.RouteRepository;

/**
 * Writes one delivery per routed channel for each incident change worth a notification, in the
 * transaction of the change (so none is lost, and none exists for a change that rolled back). Only
 * inserts rows: the sending happens in {@link DeliveryDispatcher}, never on the detection path. The
 * routes ({@link Routing}) pick the channels; when none matches, every enabled channel (the
 * implicit root route). A snoozed incident's changes are logged as {@code SKIPPED}; during a
 * route's quiet hours a change below the override severity is {@code HELD} until the quiet hours
 * end. A change that goes out at once releases the incident's earlier held deliveries on that
 * channel first (they would otherwise hold it back until the window ends); a resolve of an incident
 * the channel never heard of (everything still held) sends nothing, as a page that never went out
 * needs no resolve. Each delivery's payload is the event as its channel may see it: sample links
 * only for a channel that allows post links, excerpts only for one that includes them.
 */
@ApplicationScoped
public class DeliveryEnqueuer {

    private final ChannelRepository channels;
    private final DeliveryRepository deliveries;
    private final RouteRepository routes;
    private final ObjectMapper mapper;

    public DeliveryEnqueuer(
            ChannelRepository channels,
            DeliveryRepository deliveries,
            RouteRepository routes,
            ObjectMapper mapper) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.routes = routes;
        this.mapper = mapper;
    }

    /** A channel to notify and the quiet hours of the route that chose it (or null). */
    private record Target(UUID channelId, Route route) {}

    void onChange(@Observes IncidentChanged changed) {
        var event = changed.event();
        if (!ChannelPayloads.notifies(event.change())) {
            return;
        }
        boolean snoozed =
                event.snoozedUntil() != null && event.snoozedUntil().isAfter(event.occurredAt());
        var severity = Severity.valueOf(event.severity());
        for (var target : targets(changed, severity)) {
            var channel = channels.find(target.channelId());
            if (channel.isEmpty() || !channel.get().enabled()) {
                continue; // a route may still name a channel that was removed or disabled
            }
            // The stored payload holds only what this channel may carry, so a link or excerpt the
            // channel never received is not in its delivery log either.
            String payload;
            try {
                payload = mapper.writeValueAsString(channel.get().disclosure().apply(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the alert event", e);
            }
            String status = DeliveryRepository.PENDING;
            String note = null;
            Instant notBefore = event.occurredAt();
            DeliveryRepository.Hold hold = null;
            QuietHours quiet = target.route() == null ? null : target.route().quietHours();
            var held =
                    quiet == null
                            ? java.util.Optional.<Instant>empty()
                            : quiet.heldUntil(event.occurredAt(), severity);
            if (snoozed) {
                status = DeliveryRepository.SKIPPED;
                note = "snoozed until " + event.snoozedUntil();
            } else if (AlertEvent.RESOLVED.equals(event.eventType())
                    && !deliveries.anyReleased(event.incidentId(), target.channelId())) {
                // Resolved before its page ever left: drop the held page, send no resolve.
                status = DeliveryRepository.SKIPPED;
                note = "resolved before any notification to this channel was sent";
                deliveries.skipHeld(event.incidentId(), target.channelId(), note);
            } else if (held.isPresent()) {
                status = DeliveryRepository.HELD;
                notBefore = held.get();
                hold =
                        new DeliveryRepository.Hold(
                                notBefore, target.route().id(), quiet.zone().getId());
                note =
                        "held for the quiet hours of route '"
                                + target.route().name()
                                + "' until "
                                + notBefore;
            } else {
                deliveries.releaseHeld(
                        event.incidentId(),
                        target.channelId(),
                        event.occurredAt(),
                        "released early: a later " + event.change() + " goes out at once");
            }
            deliveries.add(
                    event.incidentId(),
                    target.channelId(),
                    event.eventId(),
                    event.change(),
                    status,
                    note,
                    payload,
                    event.occurredAt(),
                    notBefore,
                    hold);
        }
    }

    private List<Target> targets(IncidentChanged changed, Severity severity) {
        var event = changed.event();
        var matched =
                Routing.match(
                        routes.enabled(),
                        event.brandId(),
                        event.facilityId(),
                        IncidentKind.valueOf(event.kind()),
                        severity);
        if (changed.targets() != null) {
            // An escalation step: its channels, under the quiet hours of the escalating route.
            var escalating =
                    matched.stream()
                            .filter(r -> !r.escalation().isEmpty())
                            .findFirst()
                            .orElse(null);
            return changed.targets().stream().map(id -> new Target(id, escalating)).toList();
        }
        if (matched.isEmpty()) {
            return channels.enabled().stream().map(c -> new Target(c.id(), null)).toList();
        }
        Map<UUID, Target> byChannel = new LinkedHashMap<>();
        for (var route : matched) {
            for (var id : route.channelIds()) {
                byChannel.putIfAbsent(id, new Target(id, route));
            }
        }
        return List.copyOf(byChannel.values());
    }
}
