package org.caresignal.alert.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.caresignal.alert.domain.BrandIds;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A detector configuration to replay over a brand's (or facility's) stored counts: a preset plus
 * optional overrides of its thresholds; with none of them, the brand's saved configuration (or the
 * service default) runs. The uncertain policy is chosen on its own: the request's, else the
 * brand's. The saved critical-post rules are replayed over the stored mentions too unless {@code
 * criticalPosts} is false.
 */
@Schema(name = "BacktestRequest")
public record BacktestRequest(
        @NotNull
                @Pattern(
                        regexp = BrandIds.PATTERN,
                        message = "must be a slug of lower-case letters, digits and dashes")
                @Schema(example = "riverside-health")
                String brandId,
        @Pattern(
                        regexp = BrandIds.PATTERN,
                        message = "must be a slug of lower-case letters, digits and dashes")
                @Schema(description = "replay this facility's series instead of the brand's")
                String facilityId,
        @Schema(
                        description = "start (inclusive), ISO-8601; default to - 7 days",
                        example = "2026-11-01T00:00:00Z")
                String from,
        @Schema(
                        description = "end (exclusive), ISO-8601; default now",
                        example = "2026-11-24T00:00:00Z")
                String to,
        // Character classes instead of (?i): the pattern is published in the OpenAPI document,
        // whose regular expressions are ECMA-262, which has no inline flags.
        @Pattern(
                        regexp = "[Ll][Oo][Ww]|[Bb][Aa][Ll][Aa][Nn][Cc][Ee][Dd]|[Hh][Ii][Gg][Hh]",
                        message = "must be low, balanced or high")
                @Schema(
                        description =
                                "preset; default the service's; give no setting at all to replay"
                                        + " the brand's saved configuration",
                        example = "balanced")
                String sensitivity,
        @DecimalMin(value = "0", inclusive = false)
                @DecimalMax(value = "0.5")
                @Schema(
                        description = "override: p-value below which a trigger fires",
                        example = "1e-6")
                Double alphaFire,
        @Min(1) @Max(10000) @Schema(description = "override: minimum negative mentions")
                Long minNegative,
        @Min(1) @Max(100000) @Schema(description = "override: minimum mentions") Long minTotal,
        @DecimalMin("1.0")
                @DecimalMax("1000")
                @Schema(description = "override: minimum observed / expected")
                Double minEffect,
        @Min(1) @Max(288) @Schema(description = "override: firing buckets before a page")
                Integer onBuckets,
        @Min(1) @Max(288) @Schema(description = "override: quiet buckets before a resolve")
                Integer offBuckets,
        @Pattern(
                        regexp =
                                "[Nn][Ee][Gg][Aa][Tt][Ii][Vv][Ee]|[Nn][Ee][Uu][Tt][Rr][Aa][Ll]"
                                        + "|[Ee][Xx][Cc][Ll][Uu][Dd][Ee]",
                        message = "must be NEGATIVE, NEUTRAL or EXCLUDE")
                @Schema(
                        description =
                                "what uncertain mentions do in the negative triggers (NEGATIVE,"
                                        + " NEUTRAL, EXCLUDE); default the brand's saved policy"
                                        + " (/api/rules/uncertain-mentions/{brandId}), else"
                                        + " EXCLUDE. Independent of the detector settings.",
                        example = "NEGATIVE")
                String uncertainPolicy,
        @Schema(
                        description =
                                "replay the saved critical-post rules (global and the brand's)"
                                        + " over the stored mentions of the range; default"
                                        + " true. Needs a caller who may read post text"
                                        + " (analyst)",
                        example = "true")
                Boolean criticalPosts,
        @Size(max = 100)
                @Schema(
                        description =
                                "critical-post rules to try instead of the saved ones (nothing is"
                                        + " saved): the answer's criticalPosts.rulesSource is then"
                                        + " request. Each {id, brandId?, category, match,"
                                        + " unless?, enabled?, overrides?}; brandId null (every"
                                        + " brand) or this request's brandId; overrides (with"
                                        + " the brand) names a global rule of the list it takes"
                                        + " the place of, enabled false switches that rule off",
                        nullable = true)
                List<CandidateRule> criticalRules) {

    /** A critical-post rule to try in a backtest, in the shape of the rules API. */
    @Schema(name = "BacktestCandidateRule")
    public record CandidateRule(
            @Schema(example = "north-ward-closed") String id,
            @Schema(nullable = true) String brandId,
            @Schema(example = "service") String category,
            @Schema(example = "\\bnorth (ward|wing) (is )?closed\\b") String match,
            @Schema(nullable = true) String unless,
            @Schema(
                            description = "false: not matched (with overrides: switches it off)",
                            nullable = true)
                    Boolean enabled,
            @Schema(
                            description = "the global rule this brand rule takes the place of",
                            nullable = true)
                    String overrides) {

        /** A rule that is enabled and overrides nothing. */
        public CandidateRule(
                String id, String brandId, String category, String match, String unless) {
            this(id, brandId, category, match, unless, null, null);
        }
    }
}
