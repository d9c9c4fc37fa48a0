package org.caresignal.sentiment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Aggregates of a brand's mentions without post text (any role): counts per aspect, and the most
 * reposted mentions; each read is audited (aspects.read, top-mentions.read).
 */
@Path("/api/brands/{brandId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sentiment history", description = "Volume and sentiment per time bucket")
public class BrandAggregatesResource {

    static final int MAX_TOP = 20;

    private final ScoredMentionService mentions;
    private final AuditService audit;
    private final CurrentActor actor;

    public BrandAggregatesResource(
            ScoredMentionService mentions, AuditService audit, CurrentActor actor) {
        this.mentions = mentions;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @Path("/aspects")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(
            operationId = "getBrandAspects",
            summary = "Aspects of a brand's mentions",
            description =
                    "How many mentions published in [from, to) speak of each aspect, by the"
                            + " aspect's effective label (corrections included), most negative"
                            + " first, then by name. No post text.")
    @APIResponse(
            responseCode = "200",
            description = "One entry per aspect mentioned",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AspectsResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad parameter: brand, facility or source, from not before to",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public AspectsResponse aspects(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            @Parameter(description = "Start, ISO-8601 with offset; default to minus 7 days")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "End (exclusive), ISO-8601 with offset; default now")
                    @QueryParam("to")
                    String to,
            @Parameter(description = "Only this facility") @QueryParam("facility") String facility,
            @Parameter(description = "Only this source") @QueryParam("source") String source) {
        var filter = filter(brandId, from, to, facility, source, null);
        var aspects =
                mentions.aspects(filter).stream()
                        .map(
                                a ->
                                        new AspectsResponse.AspectCountResponse(
                                                a.aspect(),
                                                a.total(),
                                                a.negative(),
                                                a.neutral(),
                                                a.positive()))
                        .toList();
        audit.record(
                actor.get(),
                "aspects.read",
                AuditTargets.query()
                        .add("brand", filter.brandId())
                        .add("from", filter.from())
                        .add("to", filter.to())
                        .add("facility", filter.facilityId())
                        .add("source", filter.source())
                        .toString(),
                aspects.size(),
                null);
        return new AspectsResponse(filter.brandId(), filter.from(), filter.to(), aspects);
    }

    @GET
    @Path("/top-mentions")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(
            operationId = "getTopMentions",
            summary = "A brand's most amplified mentions",
            description =
                    "Mentions published in [from, to), most reposted first, then newest; ids,"
                            + " places, times, effective labels and repost counts, never text or"
                            + " links (read those by id with a role that may).")
    @APIResponse(
            responseCode = "200",
            description = "Up to limit mentions",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TopMentionsResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad parameter: brand, facility, label, limit, from not before to",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public TopMentionsResponse topMentions(
            @Parameter(description = "The brand (a slug)") @PathParam("brandId") String brandId,
            @Parameter(description = "Start, ISO-8601 with offset; default to minus 7 days")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "End (exclusive), ISO-8601 with offset; default now")
                    @QueryParam("to")
                    String to,
            @Parameter(description = "Only this facility") @QueryParam("facility") String facility,
            @Parameter(description = "negative, neutral or positive") @QueryParam("label")
                    String label,
            @Parameter(description = "1 to 20, default 5") @QueryParam("limit") String limit) {
        var filter = filter(brandId, from, to, facility, null, label);
        int max = QueryParameters.integer("limit", limit, 5, 1, MAX_TOP);
        var items =
                mentions.mostReposted(filter, max).stream()
                        .map(TopMentionsResponse.TopMention::from)
                        .toList();
        audit.record(
                actor.get(),
                "top-mentions.read",
                AuditTargets.query()
                        .add("brand", filter.brandId())
                        .add("from", filter.from())
                        .add("to", filter.to())
                        .add("facility", filter.facilityId())
                        .add("label", filter.label() == null ? null : filter.label().name())
                        .add("limit", max)
                        .toString(),
                items.size(),
                null);
        return new TopMentionsResponse(items);
    }

    private static Filter filter(
            String brandId, String from, String to, String facility, String source, String label) {
        var brand = QueryParameters.slug("brandId", brandId, true);
        var end = QueryParameters.instant("to", to, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var start = QueryParameters.instant("from", from, end.minus(Duration.ofDays(7)));
        QueryParameters.range(start, end, Duration.ofDays(3660));
        return new Filter(
                brand,
                start,
                end,
                QueryParameters.slug("facility", facility, false),
                QueryParameters.text("source", source, 64),
                null,
                QueryParameters.label(label),
                null);
    }
}
