package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.domain.CriticalPostReplay;
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
        List<BacktestService.WouldBeIncident> incidents,
        @Schema(
                        description =
                                "the critical-post rules replayed over the stored mentions of the"
                                        + " range")
                CriticalPosts criticalPosts) {

    /**
     * The critical-post replay: which rules ran over how many stored mentions, how many could not
     * be replayed because their text is gone (and why), and the posts that would have been critical
     * (ids, times and rule ids only: never text or links).
     */
    @Schema(name = "BacktestCriticalPosts")
    public record CriticalPosts(
            @Schema(
                            description =
                                    "REPLAYED; PARTIAL (more mentions than one backtest reads:"
                                            + " those published before replayedFrom were not"
                                            + " read); OFF (criticalPosts: false); NOT_PERMITTED"
                                            + " (the caller may not read post text: analyst);"
                                            + " UNAVAILABLE (sentiment-service did not answer or"
                                            + " refused; nothing is reported)",
                            enumeration = {
                                "REPLAYED",
                                "PARTIAL",
                                "OFF",
                                "NOT_PERMITTED",
                                "UNAVAILABLE"
                            })
                    String status,
            @Schema(description = "why, when not REPLAYED", nullable = true) String detail,
            @Schema(
                            description =
                                    "which rules ran: saved (the enabled global and brand rules"
                                            + " as stored now) or request (the request's"
                                            + " criticalRules); null when none ran",
                            enumeration = {"saved", "request"},
                            nullable = true)
                    String rulesSource,
            @Schema(description = "ids of the enabled rules that ran: global and the brand's")
                    List<String> rules,
            @Schema(
                            description =
                                    "enabled rules left out because their stored pattern cannot"
                                            + " run on RE2/J: id to reason")
                    Map<String, String> skippedRules,
            @Schema(description = "stored mentions of the range read") long mentions,
            @Schema(description = "of which with their text, matched against the rules")
                    long replayed,
            @Schema(
                            description =
                                    "of which without text (erased on request, purged at"
                                            + " retention age): counted, never matched")
                    long notReplayable,
            @Schema(
                            description =
                                    "notReplayable by reason: ERASED, PURGED, NO_TEXT (none"
                                            + " given)")
                    Map<String, Long> notReplayableReasons,
            @Schema(description = "mentions that matched a rule") long matched,
            @Schema(description = "matched per rule id") Map<String, Long> matchesByRule,
            @Schema(
                            description =
                                    "the matching posts in time order, at most 500 (postsTruncated"
                                            + " when more matched)")
                    List<CriticalPost> posts,
            boolean postsTruncated,
            @Schema(
                            description =
                                    "PARTIAL: the publication time of the oldest mention read",
                            nullable = true)
                    Instant replayedFrom) {

        static CriticalPosts from(BacktestService.CriticalPosts c) {
            var r = c.result();
            return new CriticalPosts(
                    c.status().name(),
                    c.detail(),
                    c.rulesSource(),
                    c.rules(),
                    c.skippedRules(),
                    r == null ? 0 : r.posts(),
                    r == null ? 0 : r.replayed(),
                    r == null ? 0 : r.notReplayable(),
                    r == null ? Map.of() : r.notReplayableReasons(),
                    r == null ? 0 : r.matched(),
                    r == null ? Map.of() : r.matchesByRule(),
                    r == null ? List.of() : r.hits().stream().map(CriticalPost::from).toList(),
                    r != null && r.hitsTruncated(),
                    c.replayedFrom());
        }
    }

    /**
     * A post that would have raised (or folded into) a {@code CRITICAL_POST} incident: its mention
     * id (open it in sentiment-service with a role that may read it), when it was published, its
     * facility, and the rule that matched.
     */
    @Schema(name = "BacktestCriticalPost")
    public record CriticalPost(
            String mentionId,
            Instant publishedAt,
            @Schema(nullable = true) String facilityId,
            String ruleId,
            String category) {

        static CriticalPost from(CriticalPostReplay.Hit h) {
            return new CriticalPost(
                    h.mentionId(), h.publishedAt(), h.facilityId(), h.ruleId(), h.category());
        }
    }

    public static final String FROM_REQUEST = "request";
    public static final String FROM_BRAND = "brand";
    public static final String FROM_DEFAULT = "default";
}
