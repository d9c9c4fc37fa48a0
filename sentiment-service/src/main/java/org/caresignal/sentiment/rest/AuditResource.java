package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.caresignal.sentiment.repository.AuditEventRepository;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log for admins: filters and a page in, the events newest first out (JSON or CSV); every
 * call is itself audited as {@code audit.read}.
 */
@Path("/api/audit")
@Tag(name = "Audit", description = "Who changed what and who read which post text")
public class AuditResource {

    static final int MAX_PAGE_SIZE = 500;

    private static final Pattern ACTION = Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$");

    private final AuditService audit;
    private final CurrentActor actor;

    public AuditResource(AuditService audit, CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(
            operationId = "searchAuditEvents",
            summary = "Search the audit log",
            description =
                    "Audit events newest first, filtered by user (username or subject), action and"
                            + " time, one page at a time. CSV (the page) with Accept: text/csv or"
                            + " format=csv. The call is itself recorded as audit.read.")
    @APIResponse(
            responseCode = "200",
            description = "One page of audit events and the total that match",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AuditPageResponse.class)),
                @Content(mediaType = Csv.MEDIA_TYPE)
            })
    @APIResponse(
            responseCode = "400",
            description = "A bad parameter: time, action, page or page size",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response search(
            @Parameter(description = "Username or subject (exact)") @QueryParam("user") String user,
            @Parameter(description = "Action, e.g. mention.read") @QueryParam("action")
                    String action,
            @Parameter(description = "From (inclusive), ISO-8601 with offset") @QueryParam("from")
                    String from,
            @Parameter(description = "To (exclusive), ISO-8601 with offset") @QueryParam("to")
                    String to,
            @Parameter(description = "Page number from 0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500, default 50") @QueryParam("size")
                    String size,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        var start = QueryParameters.instant("from", from, null);
        var end = QueryParameters.instant("to", to, null);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidParameterException("from", "must be before to");
        }
        var filter =
                new AuditEventRepository.Filter(
                        QueryParameters.text("user", user, 255), action(action), start, end);
        int pageNumber = QueryParameters.integer("page", page, 0, 0, 1_000_000);
        int pageSize = QueryParameters.integer("size", size, 50, 1, MAX_PAGE_SIZE);
        boolean csv = Csv.wanted(format, headers);

        var result = audit.search(filter, pageNumber, pageSize);
        var items = result.events().stream().map(AuditEventResponse::from).toList();
        audit.record(
                actor.get(),
                "audit.read",
                AuditTargets.query()
                        .add("user", filter.user())
                        .add("action", filter.action())
                        .add("from", filter.from())
                        .add("to", filter.to())
                        .add("page", pageNumber)
                        .add("size", pageSize)
                        .toString(),
                items.size(),
                csv ? "format=csv" : null);

        if (csv) {
            var out =
                    new StringBuilder(
                            Csv.row(
                                    List.of(
                                            "id",
                                            "occurred_at",
                                            "subject",
                                            "username",
                                            "action",
                                            "target",
                                            "row_count",
                                            "detail")));
            for (var e : items) {
                out.append(
                        Csv.row(
                                Arrays.asList(
                                        e.id(),
                                        e.occurredAt(),
                                        e.subject(),
                                        e.username(),
                                        e.action(),
                                        e.target(),
                                        e.rowCount(),
                                        e.detail())));
            }
            return Response.ok(out.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("X-Total-Count", result.total())
                    .header("Content-Disposition", "attachment; filename=\"sentiment-audit.csv\"")
                    .build();
        }
        return Response.ok(
                        new AuditPageResponse(items, pageNumber, pageSize, result.total()),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    private static String action(String value) {
        var action = QueryParameters.text("action", value, 64);
        if (action != null && !ACTION.matcher(action).matches()) {
            throw new InvalidParameterException(
                    "action", "must look like object.verb, e.g. mention.read");
        }
        return action;
    }
}
