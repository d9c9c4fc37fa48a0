package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.caresignal.alert.domain.channel.ChannelPayloads;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.DeliveryRepository;

/**
 * Writes one delivery per enabled channel for each incident change worth a notification, in the
 * transaction of the change (so none is lost, and none exists for a change that rolled back). Only
 * inserts rows: the sending happens in {@link DeliveryDispatcher}, never on the detection path. A
 * snoozed incident's changes are logged as {@code SKIPPED}.
 */
@ApplicationScoped
public class DeliveryEnqueuer {

    private final ChannelRepository channels;
    private final DeliveryRepository deliveries;
    private final ObjectMapper mapper;

    public DeliveryEnqueuer(
            ChannelRepository channels, DeliveryRepository deliveries, ObjectMapper mapper) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    void onChange(@Observes IncidentChanged changed) {
        var event = changed.event();
        if (!ChannelPayloads.notifies(event.change())) {
            return;
        }
        boolean snoozed =
                event.snoozedUntil() != null && event.snoozedUntil().isAfter(event.occurredAt());
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert event", e);
        }
        for (var channel : channels.enabled()) {
            deliveries.add(
                    event.incidentId(),
                    channel.id(),
                    event.eventId(),
                    event.change(),
                    snoozed ? DeliveryRepository.SKIPPED : DeliveryRepository.PENDING,
                    snoozed ? "snoozed until " + event.snoozedUntil() : null,
                    payload,
                    event.occurredAt());
        }
    }
}
