package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.caresignal.alert.client.CallerBearer;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.StatsWindow;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.CriticalPostRules;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.Sensitivity;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.BacktestService;
import org.caresignal.alert.service.RuleService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** POST /api/backtest: replays a detector configuration over stored bucket counts. */
@Path("/api/backtest")
@Tag(name = "Backtest", description = "Replay a detector configuration over stored history")
public class BacktestResource {

    private final BacktestService backtest;
    private final RuleService rules;
    private final AlertConfig config;
    private final CurrentActor actor;
    private final CallerBearer bearer;

    public BacktestResource(
            BacktestService backtest,
            RuleService rules,
            AlertConfig config,
            CurrentActor actor,
            CallerBearer bearer) {
        this.backtest = backtest;
        this.rules = rules;
        this.config = config;
        this.actor = actor;
        this.bearer = bearer;
    }

    @POST
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Backtest a detector configuration",
            description =
                    "Replays a detector configuration over the brand's or facility's stored"
                            + " counts in [from, to) and returns the incidents it would have opened."
                            + " The configuration is the request's (a preset with any overrides)"
                            + " when it carries any setting, else the brand's saved one"
                            + " (/api/rules/detectors/{brandId}), else the service default;"
                            + " settingsSource and settings say which ran. Uncertain mentions"
                            + " follow the request's uncertainPolicy, else the brand's saved one"
                            + " (/api/rules/uncertain-mentions/{brandId}), else EXCLUDE. Unless"
                            + " criticalPosts is false, the enabled critical-post rules that apply"
                            + " to the brand (global and its own, as saved now; or the request's"
                            + " criticalRules, to try rules before saving them) are replayed over"
                            + " the stored mentions of the range, read from sentiment-service with"
                            + " the caller's token (post text is for analysts; mentions whose text"
                            + " is gone are counted as not replayable); the answer lists mention"
                            + " ids, times and rule ids, never text or links. Nothing is stored or"
                            + " published.")
    @APIResponse(
            responseCode = "200",
            description = "What the configuration would have done",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BacktestResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid brand, range or configuration",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public BacktestResponse run(@Valid @NotNull BacktestRequest body) {
        var window =
                StatsWindow.resolve(
                        body.from(),
                        body.to(),
                        Instant.now(),
                        config.backtest().defaultRange(),
                        config.backtest().maxRange());
        String source;
        DetectorSettings settings;
        if (hasSettings(body)) {
            source = BacktestResponse.FROM_REQUEST;
            var sensitivity =
                    body.sensitivity() == null
                            ? config.detection().sensitivity()
                            : Sensitivity.parse(body.sensitivity());
            settings = settings(body, DetectorSettings.of(sensitivity, config.bucketSize()));
        } else {
            var saved = rules.savedDetector(body.brandId());
            source =
                    saved.isPresent() ? BacktestResponse.FROM_BRAND : BacktestResponse.FROM_DEFAULT;
            settings = saved.orElseGet(rules::defaultDetector).settings(config.bucketSize());
        }
        // Read now, not from the cache, like the saved detector configuration.
        var policy =
                body.uncertainPolicy() == null
                        ? rules.savedUncertainPolicy(body.brandId()).orElse(UncertainPolicy.DEFAULT)
                        : UncertainPolicy.parse(body.uncertainPolicy()).orElseThrow();
        // Validated before anything runs, so a bad rule is a 400 and not a replay half done.
        var candidates = candidates(body);
        var result = backtest.run(body.brandId(), body.facilityId(), window, settings, policy);
        BacktestService.CriticalPosts critical;
        if (Boolean.FALSE.equals(body.criticalPosts())) {
            critical =
                    BacktestService.notReplayed(
                            BacktestService.CriticalPostStatus.OFF, "the request asked for none");
        } else if (!actor.hasRole(Roles.ANALYST) && !actor.hasRole(Roles.RESPONDER)) {
            // sentiment-service shows post text to analysts and responders only: asking it with
            // this token would be refused (and audited) for nothing.
            critical =
                    BacktestService.notReplayed(
                            BacktestService.CriticalPostStatus.NOT_PERMITTED,
                            "replaying critical-post rules reads post text, which needs the"
                                    + " analyst role; the spike replay ran");
        } else {
            critical =
                    backtest.replayCriticalPosts(
                            bearer.get(), body.brandId(), body.facilityId(), window, candidates);
        }
        return new BacktestResponse(
                body.brandId(),
                body.facilityId(),
                window.from(),
                window.to(),
                settings.sensitivity().name().toLowerCase(java.util.Locale.ROOT),
                source,
                RuleResource.Effective.of(settings),
                policy.name(),
                config.bucketSize().toMinutes(),
                result.buckets(),
                result.incidents().size(),
                result.incidents(),
                BacktestResponse.CriticalPosts.from(critical));
    }

    /**
     * The request's candidate critical-post rules, compiled, or null to replay the saved ones.
     *
     * @throws InvalidWindowException naming the rule's field, e.g. {@code criticalRules[0].match}
     */
    private static CriticalPostRules candidates(BacktestRequest r) {
        if (r.criticalRules() == null) {
            return null;
        }
        var rules = new java.util.ArrayList<CriticalPostRules.Rule>();
        var switchedOff = new java.util.ArrayList<CriticalPostRules.Override>();
        var ids = new java.util.HashSet<String>();
        for (int i = 0; i < r.criticalRules().size(); i++) {
            var c = r.criticalRules().get(i);
            var field = "criticalRules[" + i + "].";
            if (c == null) {
                throw new InvalidWindowException("criticalRules[" + i + "]", "must be a rule");
            }
            if (c.id() == null || !RuleResource.RULE_ID.matcher(c.id()).matches()) {
                throw new InvalidWindowException(field + "id", "must be a slug like data-breach");
            }
            if (!ids.add(c.id())) {
                throw new InvalidWindowException(field + "id", "is given twice");
            }
            if (c.brandId() != null && !c.brandId().equals(r.brandId())) {
                throw new InvalidWindowException(
                        field + "brandId", "must be null (every brand) or the request's brandId");
            }
            if (c.category() == null || c.category().isBlank() || c.category().length() > 64) {
                throw new InvalidWindowException(field + "category", "must be 1 to 64 characters");
            }
            var match = RuleResource.regex(field + "match", c.match(), true);
            var unless = RuleResource.regex(field + "unless", c.unless(), false);
            var overrides = c.overrides() == null || c.overrides().isBlank() ? null : c.overrides();
            if (overrides != null
                    && (c.brandId() == null
                            || !RuleResource.RULE_ID.matcher(overrides).matches())) {
                throw new InvalidWindowException(
                        field + "overrides",
                        "only a rule with the request's brandId can override, naming a global rule");
            }
            if (Boolean.FALSE.equals(c.enabled())) {
                if (overrides != null) {
                    switchedOff.add(new CriticalPostRules.Override(c.brandId(), overrides));
                }
                continue;
            }
            rules.add(
                    CriticalPostRules.Rule.of(
                            c.id(), c.category().strip(), match, unless, c.brandId(), overrides));
        }
        // The brand's view: a global candidate it overrides neither runs nor is listed as run.
        var set = new CriticalPostRules(rules, switchedOff);
        return r.brandId() == null ? set : set.forBrand(r.brandId());
    }

    /** True when the request carries any detector setting: then it alone says what runs. */
    private static boolean hasSettings(BacktestRequest r) {
        return r.sensitivity() != null
                || r.alphaFire() != null
                || r.minNegative() != null
                || r.minTotal() != null
                || r.minEffect() != null
                || r.onBuckets() != null
                || r.offBuckets() != null;
    }

    private static DetectorSettings settings(BacktestRequest r, DetectorSettings p) {
        double alphaFire = r.alphaFire() == null ? p.alphaFire() : r.alphaFire();
        if (alphaFire >= p.alphaClear()) {
            throw new InvalidWindowException(
                    "alphaFire", "must be below the preset's clear threshold " + p.alphaClear());
        }
        var b = p.toBuilder().alphaFire(alphaFire);
        if (r.minNegative() != null) {
            b.minNegative(r.minNegative());
        }
        if (r.minTotal() != null) {
            b.minTotal(r.minTotal()).minShareTotal(r.minTotal());
        }
        if (r.minEffect() != null) {
            b.minEffect(r.minEffect());
        }
        if (r.onBuckets() != null) {
            b.onBuckets(r.onBuckets());
        }
        if (r.offBuckets() != null) {
            b.offBuckets(r.offBuckets());
        }
        return b.build();
    }
}
