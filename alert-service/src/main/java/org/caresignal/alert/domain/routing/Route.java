package org.caresignal.alert.domain.routing;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.domain.incident.IncidentKind;

/**
 * A routing rule: which incidents (brand, facility, kinds, minimum severity; null or empty means
 * any) go to which channels, with optional quiet hours and escalation steps. Routes are tried by
 * {@code position}; the first match ends the matching unless it has {@code continueMatching}.
 */
public record Route(
        UUID id,
        String name,
        int position,
        boolean enabled,
        String brandId,
        String facilityId,
        Set<IncidentKind> kinds,
        Severity minSeverity,
        List<UUID> channelIds,
        boolean continueMatching,
        QuietHours quietHours,
        List<EscalationStep> escalation) {

    public Route {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
    }

    /**
     * Whether an incident of this brand, facility (null: brand-wide), kind and severity matches.
     */
    public boolean matches(String brand, String facility, IncidentKind kind, Severity severity) {
        return enabled
                && (brandId == null || brandId.equals(brand))
                && (facilityId == null || facilityId.equals(facility))
                && (kinds.isEmpty() || kinds.contains(kind))
                && (minSeverity == null || severity.atLeast(minSeverity));
    }
}
