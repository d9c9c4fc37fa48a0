package org.caresignal.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.caresignal.ingest.service.InvalidInputException;
import org.caresignal.ingest.service.SourceDraft;

/**
 * A source connector as sent to {@code POST/PUT /api/sources}; the credential is write-only (never
 * returned, never printed).
 */
public record SourceRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be a lower-case slug")
                String id,
        @NotBlank(message = "is required") String kind,
        @NotBlank(message = "is required")
                @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be a lower-case slug")
                String brandId,
        @NotBlank(message = "is required") @Size(max = 2048, message = "at most 2048 characters")
                String url,
        @Size(max = 512, message = "at most 512 characters") String query,
        @Size(max = 4096, message = "at most 4096 characters") String credential,
        String pollInterval,
        String silentAfter,
        Boolean enabled) {

    SourceDraft toDraft(String pathId) {
        return new SourceDraft(
                pathId != null ? pathId : id,
                kind,
                brandId,
                url,
                query,
                credential,
                duration("pollInterval", pollInterval),
                duration("silentAfter", silentAfter),
                enabled);
    }

    private static Duration duration(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    field, "must be an ISO-8601 duration such as PT5M", null);
        }
    }

    @Override
    public String toString() {
        return "SourceRequest[" + id + ", " + kind + ", brand " + brandId + "]";
    }
}
