package org.caresignal.sentiment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every 4xx and 5xx response ({@code
 * application/problem+json}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The OpenAPI description of every operation's 401. */
    public static final String UNAUTHORIZED_DESCRIPTION =
            "No valid bearer token (missing, expired, wrong issuer, audience or signature)";

    /** The OpenAPI description of every operation's 403. */
    public static final String FORBIDDEN_DESCRIPTION =
            "The token lacks a role this operation needs";

    /** One invalid input: the JSON property or parameter name and what is wrong with it. */
    public record Violation(String field, String message) {}

    public static ProblemDetail of(int status, String title, String detail, String instance) {
        return new ProblemDetail("about:blank", title, status, detail, instance, null);
    }
}
