package org.caresignal.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document, the body of every 4xx and 5xx answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProblemDetail", description = "RFC 9457 problem details")
public record ProblemDetail(
        @Schema(example = "about:blank") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "from must be an ISO-8601 instant such as 2026-11-24T14:00:00Z")
                String detail,
        @Schema(example = "/api/brands/riverside-health/stats") String instance,
        @Schema(description = "Present for validation errors, one entry per invalid parameter")
                List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid request parameter and what is wrong with it. */
    public record Violation(
            @Schema(example = "from") String field,
            @Schema(example = "must be an ISO-8601 instant such as 2026-11-24T14:00:00Z")
                    String message) {}

    static ProblemDetail of(int status, String title, String detail, String instance) {
        return new ProblemDetail("about:blank", title, status, detail, instance, null);
    }

    static ProblemDetail invalid(List<Violation> violations, String instance) {
        var detail =
                String.join(
                        "; ", violations.stream().map(v -> v.field() + " " + v.message()).toList());
        return new ProblemDetail(
                "about:blank", "Invalid request", 400, detail, instance, List.copyOf(violations));
    }
}
