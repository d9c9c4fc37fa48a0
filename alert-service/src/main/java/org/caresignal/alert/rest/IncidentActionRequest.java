package org.caresignal.alert.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who acknowledges, resolves or snoozes an incident, with an optional note. */
@Schema(name = "IncidentAction")
public record IncidentActionRequest(
        @NotBlank @Size(max = 128) @Schema(example = "alex@riverside.example") String actor,
        @Size(max = 500) @Schema(example = "Press office is on it") String note,
        @Min(1)
                @Max(10080)
                @Schema(description = "snooze only: minutes to mute notifications", example = "60")
                Integer minutes) {}
