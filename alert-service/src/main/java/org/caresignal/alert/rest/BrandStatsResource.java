package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.BrandStatsService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves a brand's mention counts per time bucket over a window: GET /api/brands/{id}/stats. */
@Path("/api/brands/{brandId}/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stats", description = "Mention counts per brand and time bucket")
public class BrandStatsResource {

    private final BrandStatsService stats;
    private final AlertConfig config;

    public BrandStatsResource(BrandStatsService stats, AlertConfig config) {
        this.stats = stats;
        this.config = config;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.RESPONDER, Roles.ADMIN})
    @Operation(
            summary = "Mention counts of a brand",
            description =
                    "Totals by label and the non-empty buckets (oldest first) that overlap"
                            + " [from, to). A brand without mentions gets zero totals and no"
                            + " buckets.")
    @APIResponse(
            responseCode = "200",
            description = "Counts of the window",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BrandStatsResponse.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "brandId is not a slug, from or to is not an ISO-8601 instant, from is not"
                            + " before to, or the window is longer than the maximum (92 days by default)",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public BrandStatsResponse stats(
            @Parameter(description = "Brand slug", example = "riverside-health")
                    @PathParam("brandId")
                    @Pattern(
                            regexp = BrandIds.PATTERN,
                            message = "must be a slug of lower-case letters, digits and dashes")
                    String brandId,
            @Parameter(
                            description = "Start (inclusive), ISO-8601 instant; default to - 24 h",
                            example = "2026-11-24T00:00:00Z")
                    @QueryParam("from")
                    String from,
            @Parameter(
                            description = "End (exclusive), ISO-8601 instant; default now",
                            example = "2026-11-25T00:00:00Z")
                    @QueryParam("to")
                    String to) {
        var window =
                StatsWindow.resolve(
                        from,
                        to,
                        Instant.now(),
                        config.stats().defaultRange(),
                        config.stats().maxRange());
        return BrandStatsResponse.from(
                brandId,
                window,
                stats.bucketMinutes(),
                stats.buckets(brandId, window),
                stats.uncertainPolicy(brandId));
    }
}
