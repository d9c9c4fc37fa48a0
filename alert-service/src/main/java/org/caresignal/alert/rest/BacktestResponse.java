package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.List;
import org.caresignal.alert.service.BacktestService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The incidents a detector configuration would have opened over a stored range. */
@Schema(name = "BacktestResult")
public record BacktestResponse(
        String brandId,
        String facilityId,
        Instant from,
        Instant to,
        String sensitivity,
        @Schema(
                        description =
                                "which configuration ran: request (the request's settings), brand"
                                        + " (the brand's saved detector configuration) or default"
                                        + " (the service-wide preset; the brand saved none)",
                        enumeration = {"request", "brand", "default"})
                String settingsSource,
        @Schema(description = "the effective thresholds that ran") RuleResource.Effective settings,
        @Schema(
                        description =
                                "what uncertain mentions did in the negative triggers: the"
                                        + " request's policy, else the brand's saved one, else"
                                        + " EXCLUDE",
                        enumeration = {"NEGATIVE", "NEUTRAL", "EXCLUDE"})
                String uncertainPolicy,
        long bucketMinutes,
        @Schema(description = "buckets replayed (the first day is warm-up and never pages)")
                int buckets,
        @Schema(description = "pages it would have sent") int pages,
        List<BacktestService.WouldBeIncident> incidents) {

    public static final String FROM_REQUEST = "request";
    public static final String FROM_BRAND = "brand";
    public static final String FROM_DEFAULT = "default";
}
