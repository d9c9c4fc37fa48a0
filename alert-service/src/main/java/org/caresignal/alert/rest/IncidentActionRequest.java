package org.caresignal.alert.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An optional note (and, to snooze, the minutes) of an acknowledge, resolve or snooze; who acts is
 * the verified identity of the request, never a field.
 */
@Schema(name = "IncidentAction")
public record IncidentActionRequest(
        @Size(max = 500) @Schema(example = "Press office is on it") String note,
        @Min(1)
                @Max(10080)
                @Schema(description = "snooze only: minutes to mute notifications", example = "60")
                Integer minutes) {}
