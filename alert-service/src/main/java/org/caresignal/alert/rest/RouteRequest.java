package org.caresignal.alert.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Creates or replaces a route (PUT replaces every field). Match fields left out (null or empty)
 * match any value.
 *
 * @param position matching order, lowest first (default 100)
 * @param kinds incident kinds ({@code SPIKE}, {@code CRITICAL_POST}, {@code SOURCE_SILENT})
 * @param minSeverity the lowest severity that matches
 * @param channelIds the channels notified
 * @param continueMatching JSON {@code continue}: keep matching later routes after this one
 * @param quietHours {@code {days, start, end, zone, override}}
 * @param escalation {@code [{after: "PT15M", channelIds: [...]}]}, in order
 */
public record RouteRequest(
        String name,
        Integer position,
        Boolean enabled,
        String brandId,
        String facilityId,
        List<String> kinds,
        String minSeverity,
        List<String> channelIds,
        @JsonProperty("continue") Boolean continueMatching,
        QuietHoursRequest quietHours,
        List<StepRequest> escalation) {

    /** Quiet hours: local {@code start}/{@code end} (HH:MM) on {@code days} in {@code zone}. */
    public record QuietHoursRequest(
            List<String> days, String start, String end, String zone, String override) {}

    /** An escalation step: {@code after} (ISO-8601 duration) unacknowledged, notify channels. */
    public record StepRequest(String after, List<String> channelIds) {}
}
