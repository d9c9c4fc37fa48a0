package org.caresignal.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.AuditLog;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log for admins: who changed brands, sources and integrations (and who read the log),
 * filtered by user, action and time, newest first, as JSON pages or CSV; every read is audited.
 */
@Path("/api/audit")
@Tag(name = "Audit", description = "Who changed what, under their verified identity")
public class AuditResource {

    static final String CSV = "text/csv";
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private final AuditLog audit;
    private final Caller caller;

    public AuditResource(AuditLog audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Read the audit log",
            description =
                    "Rows newest first. `user` matches the username or the subject; `from` is"
                            + " inclusive and `to` exclusive (ISO-8601 instants). `Accept: text/csv`"
                            + " gives the same rows as CSV. The read itself is recorded as"
                            + " `audit.read`.")
    @APIResponse(
            responseCode = "200",
            description = "One page of rows",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AuditPageResponse.class)),
                @Content(mediaType = CSV)
            })
    @APIResponse(
            responseCode = "400",
            description = "A bad filter or page",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response read(
            @Parameter(description = "username or subject") @QueryParam("user") String user,
            @Parameter(description = "e.g. brand.create, integration.grant") @QueryParam("action")
                    String action,
            @Parameter(description = "ISO-8601, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601, exclusive") @QueryParam("to") String to,
            @Parameter(description = "0-based, default 0") @QueryParam("page") String page,
            @Parameter(description = "default 50, at most 500") @QueryParam("size") String size,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        var violations = new ArrayList<ProblemDetail.Violation>();
        var query =
                new AuditLog.Query(
                        blankToNull(user),
                        blankToNull(action),
                        instant("from", from, violations),
                        instant("to", to, violations),
                        integer("page", page, 0, 0, Integer.MAX_VALUE, violations),
                        integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, violations));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            violations.add(new ProblemDetail.Violation("to", "must be after from"));
        }
        if (query.action() != null && query.action().length() > 64) {
            violations.add(new ProblemDetail.Violation("action", "at most 64 characters"));
        }
        if (query.user() != null && query.user().length() > 255) {
            violations.add(new ProblemDetail.Violation("user", "at most 255 characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        var result = audit.read(caller.actor(), query, filterOf(uri));
        if (wantsCsv(headers)) {
            return Response.ok(AuditCsv.of(result.items()), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
                    .build();
        }
        return Response.ok(AuditPageResponse.of(result, query), MediaType.APPLICATION_JSON).build();
    }

    /** CSV only when asked for before JSON (a browser's or curl's default stays JSON). */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (var type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private static String filterOf(UriInfo uri) {
        var query = uri.getRequestUri().getRawQuery();
        return query == null || query.isEmpty() ? "(all)" : query;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(
            String field, String value, List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(
                    new ProblemDetail.Violation(
                            field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
            return null;
        }
    }

    private static int integer(
            String field,
            String value,
            int fallback,
            int min,
            int max,
            List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            var n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below like an out-of-range number.
        }
        violations.add(
                new ProblemDetail.Violation(
                        field,
                        max == Integer.MAX_VALUE
                                ? "must be a whole number of at least " + min
                                : "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
