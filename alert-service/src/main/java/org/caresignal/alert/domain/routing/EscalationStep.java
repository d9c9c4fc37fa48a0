package org.caresignal.alert.domain.routing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One step of a route's escalation: when the incident is still {@code OPEN} (nobody acknowledged
 * it) {@code after} its page went out (see {@link EscalationClock}: quiet hours do not count), the
 * step's channels are notified.
 */
public record EscalationStep(Duration after, List<UUID> channelIds) {

    public EscalationStep {
        if (after == null || after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("after must be positive");
        }
        if (channelIds == null || channelIds.isEmpty()) {
            throw new IllegalArgumentException("channelIds must name at least one channel");
        }
        channelIds = List.copyOf(channelIds);
    }
}
