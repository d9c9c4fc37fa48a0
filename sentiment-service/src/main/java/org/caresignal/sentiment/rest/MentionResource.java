package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caresignal.sentiment.repository.ScoredMentionRepository.Filter;
import org.caresignal.sentiment.security.CurrentActor;
import org.caresignal.sentiment.security.Roles;
import org.caresignal.sentiment.service.AuditService;
import org.caresignal.sentiment.service.ScoredMentionService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Read access to scored mentions: a mention id or search filters in, stored sentiment and post text
 * out; every read is audited (mention.read, mention.search, mention.export) before its body leaves.
 */
@Path("/api/mentions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mentions", description = "Scored mentions")
public class MentionResource {

    static final String UUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    static final int MAX_PAGE_SIZE = 200;

    /** Deepest row a page number may reach; further on, only the cursor goes (no deep OFFSET). */
    static final int MAX_OFFSET = 10_000;

    private final ScoredMentionService mentions;
    private final AuditService audit;
    private final CurrentActor actor;

    public MentionResource(ScoredMentionService mentions, AuditService audit, CurrentActor actor) {
        this.mentions = mentions;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(
            operationId = "searchMentions",
            summary = "Search scored mentions",
            description =
                    "A brand's mentions, newest first, filtered by time, label, aspect, source and"
                            + " words of the text, one page at a time: pass the answer's"
                            + " nextCursor as cursor for the next page (page numbers reach only"
                            + " the first 10,000 rows). total is counted on a request without"
                            + " cursor only. CSV (the page) with Accept: text/csv or format=csv;"
                            + " then X-Next-Cursor and X-Total-Count carry them. Recorded in the"
                            + " audit log (mention.search with the ids returned, or"
                            + " mention.export) before the page is sent.")
    @APIResponse(
            responseCode = "200",
            description = "One page of mentions, the cursor to the next, and the total that match",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = MentionPageResponse.class)),
                @Content(mediaType = Csv.MEDIA_TYPE)
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "A bad parameter: missing brand, bad range, label, page size, a page past"
                            + " row 10,000, a cursor that is not one, or q without a word",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public Response search(
            @Parameter(description = "The brand (a slug), required") @QueryParam("brand")
                    String brand,
            @Parameter(description = "Start, ISO-8601 with offset; default to minus 30 days")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "End (exclusive), ISO-8601 with offset; default now")
                    @QueryParam("to")
                    String to,
            @Parameter(description = "negative, neutral or positive") @QueryParam("label")
                    String label,
            @Parameter(description = "Only mentions of this aspect") @QueryParam("aspect")
                    String aspect,
            @Parameter(description = "Only this source") @QueryParam("source") String source,
            @Parameter(
                            description =
                                    "Words the post contains, each as a word or the start of"
                                            + " one (case-insensitive, any language); all must"
                                            + " match")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
                    String cursor,
            @Parameter(
                            description =
                                    "Page number from 0, while page times size stays within"
                                            + " 10,000; use cursor beyond")
                    @QueryParam("page")
                    String page,
            @Parameter(description = "Page size, 1 to 200, default 50") @QueryParam("size")
                    String size,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        var end = QueryParameters.instant("to", to, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var start = QueryParameters.instant("from", from, end.minus(Duration.ofDays(30)));
        QueryParameters.range(start, end, Duration.ofDays(3660));
        var filter =
                new Filter(
                        QueryParameters.slug("brand", brand, true),
                        start,
                        end,
                        null,
                        QueryParameters.text("source", source, 64),
                        QueryParameters.slug("aspect", aspect, false),
                        QueryParameters.label(label),
                        QueryParameters.words("q", q, 200));
        int pageSize = QueryParameters.integer("size", size, 50, 1, MAX_PAGE_SIZE);
        int pageNumber = QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        if ((long) pageNumber * pageSize > MAX_OFFSET) {
            throw new InvalidParameterException(
                    "page",
                    "reaches past row " + MAX_OFFSET + "; follow nextCursor (cursor) beyond it");
        }
        var after = QueryParameters.cursor("cursor", cursor);
        if (after != null && pageNumber > 0) {
            throw new InvalidParameterException("cursor", "goes with no page number");
        }
        boolean csv = Csv.wanted(format, headers);
        var result = mentions.search(filter, after, pageNumber * pageSize, pageSize);
        var items = result.mentions().stream().map(MentionResponse::from).toList();
        var next = result.next() == null ? null : result.next().token();
        audit.record(
                actor.get(),
                csv ? "mention.export" : "mention.search",
                AuditTargets.query()
                        .add("brand", filter.brandId())
                        .add("from", filter.from())
                        .add("to", filter.to())
                        .add(
                                "label",
                                filter.label() == null
                                        ? null
                                        : filter.label().name().toLowerCase(Locale.ROOT))
                        .add("aspect", filter.aspect())
                        .add("source", filter.source())
                        .add("q", filter.text())
                        .add("cursor", after == null ? null : cursor)
                        .add("page", pageNumber)
                        .add("size", pageSize)
                        .toString(),
                items.size(),
                AuditTargets.ids(items.stream().map(MentionResponse::mentionId).toList()));
        if (csv) {
            var out =
                    new StringBuilder(
                            Csv.row(
                                    List.of(
                                            "mention_id",
                                            "published_at",
                                            "brand_id",
                                            "facility_id",
                                            "source",
                                            "url",
                                            "label",
                                            "score",
                                            "uncertain",
                                            "aspects",
                                            "model_version",
                                            "text")));
            for (var m : items) {
                out.append(
                        Csv.row(
                                Arrays.asList(
                                        m.mentionId(),
                                        m.publishedAt(),
                                        m.brandId(),
                                        m.facilityId(),
                                        m.source(),
                                        m.url(),
                                        m.label(),
                                        m.score(),
                                        m.uncertain(),
                                        m.aspects().stream()
                                                .map(a -> a.aspect() + ":" + a.label())
                                                .collect(Collectors.joining(" ")),
                                        m.modelVersion(),
                                        m.text())));
            }
            return Response.ok(out.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("X-Total-Count", result.total())
                    .header("X-Next-Cursor", next)
                    .build();
        }
        return Response.ok(
                        new MentionPageResponse(pageNumber, pageSize, result.total(), next, items),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/{mentionId}")
    @RolesAllowed({Roles.ANALYST, Roles.RESPONDER})
    @Operation(
            operationId = "getMention",
            summary = "Get a scored mention",
            description =
                    "The mention with the sentiment label and score it was given. Recorded in the"
                            + " audit log (mention.read, also when there is no such mention) before"
                            + " it is sent.")
    @APIResponse(
            responseCode = "200",
            description = "The scored mention",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MentionResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "The id is not a UUID",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No mention with this id has been scored",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public MentionResponse get(
            @Parameter(description = "The mention id (a UUID)")
                    @PathParam("mentionId")
                    @Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
                    String mentionId) {
        var id = UUID.fromString(mentionId);
        var found = mentions.find(id).map(MentionResponse::from);
        audit.record(
                actor.get(),
                "mention.read",
                id.toString(),
                found.isPresent() ? 1 : 0,
                found.isPresent() ? null : "not found");
        return found.orElseThrow(
                () -> new NotFoundException("No scored mention with id " + mentionId));
    }
}
