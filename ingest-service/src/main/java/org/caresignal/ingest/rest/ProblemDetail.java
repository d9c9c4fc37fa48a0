package org.caresignal.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error this service returns; {@code position} is
 * the 1-based character of a watch query's syntax error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations,
        Integer position) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request: its JSON name and what is wrong with it. */
    public record Violation(String field, String message) {}

    /** The same problem without a position (every error except a watch query's syntax). */
    public ProblemDetail(
            String type,
            String title,
            int status,
            String detail,
            String instance,
            List<Violation> violations) {
        this(type, title, status, detail, instance, violations, null);
    }

    static ProblemDetail of(int status, String title, String detail, String instance) {
        return new ProblemDetail("about:blank", title, status, detail, instance, null, null);
    }
}
