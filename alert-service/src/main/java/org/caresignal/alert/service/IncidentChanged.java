package org.caresignal.alert.service;

import java.util.List;
import java.util.UUID;
import org.caresignal.alert.event.AlertEvent;

/**
 * CDI event fired inside the transaction that changed an incident; observed after commit.
 *
 * @param targets the channels to notify instead of the routed ones (an escalation step), or null
 */
public record IncidentChanged(AlertEvent event, List<UUID> targets) {

    public IncidentChanged(AlertEvent event) {
        this(event, null);
    }
}
