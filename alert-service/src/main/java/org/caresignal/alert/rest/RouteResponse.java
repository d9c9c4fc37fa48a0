package org.caresignal.alert.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.repository.RouteRepository;

/** A route as the API shows it. */
public record RouteResponse(
        UUID id,
        String name,
        int position,
        boolean enabled,
        String brandId,
        String facilityId,
        List<String> kinds,
        String minSeverity,
        List<UUID> channelIds,
        @JsonProperty("continue") boolean continueMatching,
        RouteRepository.QuietHoursJson quietHours,
        List<RouteRepository.StepJson> escalation,
        Instant createdAt,
        Instant updatedAt) {

    public static RouteResponse from(RouteRepository.StoredRoute stored) {
        var r = stored.route();
        return new RouteResponse(
                r.id(),
                r.name(),
                r.position(),
                r.enabled(),
                r.brandId(),
                r.facilityId(),
                r.kinds().stream().map(Enum::name).sorted().toList(),
                r.minSeverity() == null ? null : r.minSeverity().name(),
                r.channelIds(),
                r.continueMatching(),
                RouteRepository.QuietHoursJson.of(r.quietHours()),
                r.escalation().stream().map(RouteRepository.StepJson::of).toList(),
                stored.createdAt(),
                stored.updatedAt());
    }
}
