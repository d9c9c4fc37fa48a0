package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.caresignal.alert.repository.AuditEventRepository.Filter;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AuditLog;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GET /api/audit (admin): the audit log of this service, filtered and paged, as JSON or CSV; every
 * read of it is itself audited ({@code audit.read}) before the answer leaves.
 */
@Path("/api/audit")
@Tag(name = "Audit", description = "Who changed or read what, under their verified identity")
public class AuditResource {

    static final String CSV = "text/csv";
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    private static final int MAX_PAGE = 1_000_000;

    private final AuditLog audit;
    private final CurrentActor actor;

    public AuditResource(AuditLog audit, CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(
            summary = "Read the audit log",
            description =
                    "Newest first. With Accept: text/csv the same rows come as CSV (RFC 4180; cells"
                            + " that a spreadsheet would read as a formula are prefixed with ').")
    @APIResponse(
            responseCode = "200",
            description = "A page of the audit log",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AuditPageResponse.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "A parameter is invalid",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response search(
            @Parameter(description = "Username or subject", example = "demo-responder")
                    @QueryParam("user")
                    String user,
            @Parameter(description = "Action", example = "incident.acknowledge")
                    @QueryParam("action")
                    String action,
            @Parameter(description = "From (inclusive), ISO-8601", example = "2026-11-24T00:00:00Z")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "To (exclusive), ISO-8601", example = "2026-11-25T00:00:00Z")
                    @QueryParam("to")
                    String to,
            @Parameter(description = "Page, 0-based (default 0)") @QueryParam("page") String page,
            @Parameter(description = "Rows per page, 1-500 (default 50)") @QueryParam("size")
                    String size,
            @Context HttpHeaders headers) {
        var violations = new ArrayList<ProblemDetail.Violation>();
        var userFilter = text("user", user, 255, violations);
        var actionFilter = text("action", action, 64, violations);
        var fromInstant = instant("from", from, violations);
        var toInstant = instant("to", to, violations);
        var pageNumber = number("page", page, 0, 0, MAX_PAGE, violations);
        var pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, violations);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            violations.add(new ProblemDetail.Violation("from", "must be before to"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidParametersException(violations);
        }
        var filter = new Filter(userFilter, actionFilter, fromInstant, toInstant);
        var result = audit.search(filter, pageNumber, pageSize);
        var items = result.items().stream().map(AuditEventResponse::from).toList();
        audit.read(actor.get(), "audit.read", query(filter, pageNumber, pageSize), items.size());
        if (wantsCsv(headers)) {
            return Response.ok(AuditCsv.of(items), CSV + "; charset=UTF-8").build();
        }
        return Response.ok(
                        new AuditPageResponse(items, pageNumber, pageSize, result.total()),
                        MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** The filter as a query string: the target of the {@code audit.read} row. */
    private static String query(Filter filter, int page, int size) {
        var parts = new LinkedHashMap<String, String>();
        if (filter.user() != null) {
            parts.put("user", filter.user());
        }
        if (filter.action() != null) {
            parts.put("action", filter.action());
        }
        if (filter.from() != null) {
            parts.put("from", filter.from().toString());
        }
        if (filter.to() != null) {
            parts.put("to", filter.to().toString());
        }
        parts.put("page", Integer.toString(page));
        parts.put("size", Integer.toString(size));
        return parts.entrySet().stream()
                .map(
                        e ->
                                e.getKey()
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static boolean wantsCsv(HttpHeaders headers) {
        var csv = MediaType.valueOf(CSV);
        for (var type : headers.getAcceptableMediaTypes()) {
            boolean json = type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
            if (type.isCompatible(csv) && !json) {
                return true;
            }
            if (json) {
                return false;
            }
        }
        return false;
    }

    private static String text(
            String name, String value, int max, List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            violations.add(
                    new ProblemDetail.Violation(name, "must be at most " + max + " characters"));
            return null;
        }
        return value.trim();
    }

    private static Instant instant(
            String name, String value, List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException again) {
                violations.add(
                        new ProblemDetail.Violation(
                                name, "must be an ISO-8601 instant such as 2026-11-24T14:00:00Z"));
                return null;
            }
        }
    }

    private static int number(
            String name,
            String value,
            int fallback,
            int min,
            int max,
            List<ProblemDetail.Violation> violations) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            var n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(
                new ProblemDetail.Violation(
                        name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
