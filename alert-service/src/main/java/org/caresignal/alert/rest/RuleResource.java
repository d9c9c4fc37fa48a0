package org.caresignal.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.CriticalPostRules;
import org.caresignal.alert.domain.detection.DetectorOverrides;
import org.caresignal.alert.domain.detection.DetectorSettings;
import org.caresignal.alert.domain.detection.Sensitivity;
import org.caresignal.alert.repository.RuleRepository;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AuditLog;
import org.caresignal.alert.service.RuleService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * CRUD of detection rules (admin): the critical-post rule set, each brand's detector configuration
 * and its uncertain policy; every change is audited.
 */
@Path("/api/rules")
public class RuleResource {

    static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** A critical-post rule as the API reads and writes it. */
    public record CriticalRuleBody(
            @Schema(description = "a slug, unique across global and brand rules", example = "bomb")
                    String id,
            @Schema(
                            description =
                                    "the brand whose posts the rule is matched against; null or"
                                            + " absent: every brand (a global rule). Fixed at"
                                            + " creation: a PUT may repeat it, not change it",
                            example = "riverside-health",
                            nullable = true)
                    String brandId,
            String category,
            String match,
            String unless,
            Boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            @Schema(
                            description =
                                    "a brand rule only: the id of the global rule it takes the"
                                            + " place of for that brand's posts; with enabled"
                                            + " false it switches the global rule off for the"
                                            + " brand. Null or absent: overrides nothing",
                            example = "outbreak",
                            nullable = true)
                    String overrides) {

        /** A rule that overrides no global rule. */
        public CriticalRuleBody(
                String id,
                String brandId,
                String category,
                String match,
                String unless,
                Boolean enabled,
                Instant createdAt,
                Instant updatedAt) {
            this(id, brandId, category, match, unless, enabled, createdAt, updatedAt, null);
        }

        static CriticalRuleBody from(RuleRepository.StoredRule r) {
            return new CriticalRuleBody(
                    r.id(),
                    r.brandId(),
                    r.category(),
                    r.match(),
                    r.unless(),
                    r.enabled(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.overrides());
        }
    }

    /** A brand's detector configuration (null overrides keep the preset's value). */
    public record DetectorBody(
            String sensitivity,
            Double alphaFire,
            Long minNegative,
            Long minTotal,
            Double minEffect,
            Integer onBuckets,
            Integer offBuckets) {}

    /** A brand's configuration and the settings the live detector uses with it. */
    public record DetectorResponse(
            String brandId,
            boolean custom,
            DetectorBody configured,
            Effective effective,
            Instant updatedAt) {}

    /** The effective thresholds. */
    public record Effective(
            String sensitivity,
            double alphaFire,
            double alphaClear,
            long minNegative,
            long minTotal,
            double minEffect,
            int onBuckets,
            int offBuckets,
            int cooldownBuckets) {

        static Effective of(DetectorSettings s) {
            return new Effective(
                    s.sensitivity().name().toLowerCase(java.util.Locale.ROOT),
                    s.alphaFire(),
                    s.alphaClear(),
                    s.minNegative(),
                    s.minTotal(),
                    s.minEffect(),
                    s.onBuckets(),
                    s.offBuckets(),
                    s.cooldownBuckets());
        }
    }

    /** What a brand's uncertain mentions do in its negative triggers: the body of a PUT. */
    public record UncertainPolicyBody(
            @Schema(
                            description =
                                    "NEGATIVE (counted as negative), NEUTRAL (counted as"
                                            + " neutral) or EXCLUDE (left out of the negative"
                                            + " count and the share's denominator, still in the"
                                            + " volume)",
                            enumeration = {"NEGATIVE", "NEUTRAL", "EXCLUDE"},
                            example = "NEGATIVE")
                    String policy) {}

    /** A brand's uncertain policy as it applies now. */
    public record UncertainPolicyResponse(
            String brandId,
            @Schema(enumeration = {"NEGATIVE", "NEUTRAL", "EXCLUDE"}) String policy,
            @Schema(description = "false: the brand saved none and the default (EXCLUDE) applies")
                    boolean custom,
            @Schema(description = "when it was saved; null for the default") Instant updatedAt) {}

    /** A rule id that is taken. */
    static class DuplicateRuleException extends RuntimeException {
        DuplicateRuleException(String id) {
            super("a critical-post rule with id " + id + " exists; PUT to change it");
        }
    }

    private final RuleRepository repository;
    private final RuleService rules;
    private final AlertConfig config;
    private final AuditLog audit;
    private final CurrentActor actor;

    public RuleResource(
            RuleRepository repository,
            RuleService rules,
            AlertConfig config,
            AuditLog audit,
            CurrentActor actor) {
        this.repository = repository;
        this.rules = rules;
        this.config = config;
        this.audit = audit;
        this.actor = actor;
    }

    @GET
    @Path("/critical-posts")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(
            summary = "The critical-post rules",
            description =
                    "Every rule, global and per brand, in matching order; with brand, only the"
                            + " rules that apply to that brand's posts (the global ones and its"
                            + " own).")
    @APIResponse(responseCode = "200", description = "The rules")
    @APIResponse(
            responseCode = "400",
            description = "brand is not a slug",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public List<CriticalRuleBody> criticalRules(
            @Parameter(description = "only the rules that apply to this brand's posts")
                    @QueryParam("brand")
                    String brand) {
        if (brand == null) {
            return repository.rules().stream().map(CriticalRuleBody::from).toList();
        }
        if (!BrandIds.isValid(brand)) {
            throw new InvalidWindowException("brand", "must be a slug like riverside-health");
        }
        return repository.rulesFor(brand).stream().map(CriticalRuleBody::from).toList();
    }

    @GET
    @Path("/critical-posts/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CriticalRuleBody criticalRule(@PathParam("id") String id) {
        return CriticalRuleBody.from(repository.rule(id).orElseThrow(NotFoundException::new));
    }

    @POST
    @Path("/critical-posts")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response createRule(CriticalRuleBody body) {
        if (body == null) {
            throw new InvalidWindowException("body", "must not be empty");
        }
        if (body.id() == null || !RULE_ID.matcher(body.id()).matches()) {
            throw new InvalidWindowException("id", "must be a slug like data-breach");
        }
        if (body.brandId() != null && !BrandIds.isValid(body.brandId())) {
            throw new InvalidWindowException(
                    "brandId", "must be a slug like riverside-health, or null for every brand");
        }
        var now = Instant.now();
        var rule = validated(body.id(), body.brandId(), body, now, now);
        overridable(rule);
        if (!repository.insert(rule)) {
            throw new DuplicateRuleException(body.id());
        }
        audit.change(actor.get(), "critical-rule.create", rule.id(), describe(rule));
        rules.changed();
        return Response.created(URI.create("/api/rules/critical-posts/" + rule.id()))
                .entity(CriticalRuleBody.from(rule))
                .build();
    }

    @PUT
    @Path("/critical-posts/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public CriticalRuleBody replaceRule(@PathParam("id") String id, CriticalRuleBody body) {
        var old = repository.rule(id).orElseThrow(NotFoundException::new);
        if (body == null) {
            throw new InvalidWindowException("body", "must not be empty");
        }
        if (body.id() != null && !body.id().equals(id)) {
            throw new InvalidWindowException("id", "cannot be changed");
        }
        if (body.brandId() != null && !body.brandId().equals(old.brandId())) {
            throw new InvalidWindowException(
                    "brandId",
                    "cannot be changed ("
                            + (old.brandId() == null
                                    ? "a global rule"
                                    : "a rule of " + old.brandId())
                            + "); delete the rule and create it with the new scope");
        }
        var rule = validated(id, old.brandId(), body, old.createdAt(), Instant.now());
        overridable(rule);
        repository.update(rule);
        audit.change(actor.get(), "critical-rule.update", id, describe(rule));
        rules.changed();
        return CriticalRuleBody.from(rule);
    }

    @DELETE
    @Path("/critical-posts/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response deleteRule(@PathParam("id") String id) {
        if (!repository.deleteRule(id)) {
            throw new NotFoundException();
        }
        audit.change(actor.get(), "critical-rule.delete", id, null);
        rules.changed();
        return Response.noContent().build();
    }

    @GET
    @Path("/detectors")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public List<DetectorResponse> detectors() {
        return repository.detectors().stream().map(this::view).toList();
    }

    @GET
    @Path("/detectors/{brandId}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public DetectorResponse detector(@PathParam("brandId") String brandId) {
        brand(brandId);
        return repository
                .detector(brandId)
                .map(this::view)
                .orElseGet(
                        () -> {
                            var preset = DetectorOverrides.preset(config.detection().sensitivity());
                            return new DetectorResponse(
                                    brandId,
                                    false,
                                    body(preset),
                                    Effective.of(preset.settings(config.bucketSize())),
                                    null);
                        });
    }

    @PUT
    @Path("/detectors/{brandId}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public DetectorResponse replaceDetector(
            @PathParam("brandId") String brandId, DetectorBody body) {
        brand(brandId);
        if (body == null) {
            throw new InvalidWindowException("body", "must not be empty");
        }
        Sensitivity sensitivity;
        try {
            sensitivity =
                    body.sensitivity() == null
                            ? config.detection().sensitivity()
                            : Sensitivity.parse(body.sensitivity());
        } catch (IllegalArgumentException e) {
            throw new InvalidWindowException("sensitivity", "must be low, balanced or high");
        }
        DetectorOverrides overrides;
        try {
            overrides =
                    new DetectorOverrides(
                            sensitivity,
                            body.alphaFire(),
                            body.minNegative(),
                            body.minTotal(),
                            body.minEffect(),
                            body.onBuckets(),
                            body.offBuckets());
            overrides.settings(config.bucketSize());
        } catch (IllegalArgumentException e) {
            var message = e.getMessage();
            var field = message.substring(0, message.indexOf(' '));
            throw new InvalidWindowException(field, message.substring(field.length() + 1));
        }
        repository.upsertDetector(brandId, overrides, Instant.now());
        audit.change(
                actor.get(),
                "detector.update",
                brandId,
                "sensitivity " + overrides.sensitivity().name().toLowerCase(java.util.Locale.ROOT));
        rules.changed();
        return view(repository.detector(brandId).orElseThrow());
    }

    @DELETE
    @Path("/detectors/{brandId}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response deleteDetector(@PathParam("brandId") String brandId) {
        brand(brandId);
        if (!repository.deleteDetector(brandId)) {
            throw new NotFoundException();
        }
        audit.change(actor.get(), "detector.delete", brandId, "back to the service default");
        rules.changed();
        return Response.noContent().build();
    }

    @GET
    @Path("/uncertain-mentions/{brandId}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(
            summary = "What the brand's uncertain mentions do in its negative triggers",
            description =
                    "The brand's saved policy, else the default EXCLUDE (custom: false). Mentions"
                            + " in a language the model does not read are left out of the"
                            + " negative triggers whatever the policy.")
    @APIResponse(responseCode = "200", description = "The policy that applies")
    @APIResponse(
            responseCode = "400",
            description = "brandId is not a slug",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public UncertainPolicyResponse uncertainPolicy(@PathParam("brandId") String brandId) {
        brand(brandId);
        return repository
                .uncertainPolicy(brandId)
                .map(
                        p ->
                                new UncertainPolicyResponse(
                                        brandId, p.policy().name(), true, p.updatedAt()))
                .orElseGet(
                        () ->
                                new UncertainPolicyResponse(
                                        brandId, UncertainPolicy.DEFAULT.name(), false, null));
    }

    @PUT
    @Path("/uncertain-mentions/{brandId}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(
            summary = "Set what the brand's uncertain mentions do in its negative triggers",
            description =
                    "NEGATIVE, NEUTRAL or EXCLUDE. Applied when counts are read, so it applies"
                            + " to the brand's whole history alike: the live detector from its"
                            + " next bucket, the stats, overview, timeline and backtests at once."
                            + " Audited (uncertain-policy.update).")
    @APIResponse(responseCode = "200", description = "The policy saved")
    @APIResponse(
            responseCode = "400",
            description = "brandId is not a slug, or policy is missing or unknown",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    public UncertainPolicyResponse replaceUncertainPolicy(
            @PathParam("brandId") String brandId, UncertainPolicyBody body) {
        brand(brandId);
        if (body == null || body.policy() == null || body.policy().isBlank()) {
            throw new InvalidWindowException("policy", "is required: NEGATIVE, NEUTRAL or EXCLUDE");
        }
        var policy =
                UncertainPolicy.parse(body.policy())
                        .orElseThrow(
                                () ->
                                        new InvalidWindowException(
                                                "policy", "must be NEGATIVE, NEUTRAL or EXCLUDE"));
        var was =
                repository
                        .uncertainPolicy(brandId)
                        .map(RuleRepository.StoredUncertainPolicy::policy)
                        .orElse(UncertainPolicy.DEFAULT);
        repository.upsertUncertainPolicy(brandId, policy, Instant.now());
        audit.change(
                actor.get(),
                "uncertain-policy.update",
                brandId,
                policy.name() + " (was " + was.name() + ")");
        rules.changed();
        return uncertainPolicy(brandId);
    }

    @ServerExceptionMapper
    public Response duplicate(DuplicateRuleException e, UriInfo uri) {
        var body =
                ProblemDetail.of(
                        409,
                        "Conflict",
                        e.getMessage(),
                        "/" + uri.getPath().replaceFirst("^/", ""));
        return Response.status(409).type(ProblemDetail.MEDIA_TYPE).entity(body).build();
    }

    private static String describe(RuleRepository.StoredRule rule) {
        return "category "
                + rule.category()
                + (rule.brandId() == null ? ", every brand" : ", brand " + rule.brandId())
                + (rule.overrides() == null ? "" : ", overrides " + rule.overrides())
                + (rule.enabled() ? "" : ", disabled");
    }

    /**
     * A rule's {@code overrides}: only a brand's rule may override, and only a global rule that
     * exists now (a typo would otherwise override nothing, silently).
     *
     * @throws InvalidWindowException naming {@code overrides}
     */
    private void overridable(RuleRepository.StoredRule rule) {
        if (rule.overrides() == null) {
            return;
        }
        if (rule.brandId() == null) {
            throw new InvalidWindowException(
                    "overrides", "only a brand's rule can override a global rule");
        }
        if (!RULE_ID.matcher(rule.overrides()).matches()) {
            throw new InvalidWindowException("overrides", "must be the id of a global rule");
        }
        var target = repository.rule(rule.overrides());
        if (target.isEmpty() || target.get().brandId() != null) {
            throw new InvalidWindowException(
                    "overrides", "no global rule with id " + rule.overrides());
        }
    }

    private DetectorResponse view(RuleRepository.StoredDetector d) {
        return new DetectorResponse(
                d.brandId(),
                true,
                body(d.overrides()),
                Effective.of(d.overrides().settings(config.bucketSize())),
                d.updatedAt());
    }

    private static DetectorBody body(DetectorOverrides o) {
        return new DetectorBody(
                o.sensitivity().name().toLowerCase(java.util.Locale.ROOT),
                o.alphaFire(),
                o.minNegative(),
                o.minTotal(),
                o.minEffect(),
                o.onBuckets(),
                o.offBuckets());
    }

    private static void brand(String brandId) {
        if (!BrandIds.isValid(brandId)) {
            throw new InvalidWindowException("brandId", "must be a slug like riverside-health");
        }
    }

    private static RuleRepository.StoredRule validated(
            String id,
            String brandId,
            CriticalRuleBody body,
            Instant createdAt,
            Instant updatedAt) {
        if (body.category() == null || body.category().isBlank() || body.category().length() > 64) {
            throw new InvalidWindowException("category", "must be 1 to 64 characters");
        }
        var match = regex("match", body.match(), true);
        var unless = regex("unless", body.unless(), false);
        return new RuleRepository.StoredRule(
                id,
                body.category().strip(),
                match,
                unless,
                body.enabled() == null || body.enabled(),
                createdAt,
                updatedAt,
                brandId,
                body.overrides() == null || body.overrides().isBlank()
                        ? null
                        : body.overrides().strip());
    }

    /**
     * A pattern as the API accepts it: at most 2000 characters, runnable on RE2/J; null when blank
     * and not required.
     *
     * @throws InvalidWindowException naming {@code field}
     */
    static String regex(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidWindowException(field, "is required");
            }
            return null;
        }
        if (value.length() > 2000) {
            throw new InvalidWindowException(field, "must be at most 2000 characters");
        }
        try {
            CriticalPostRules.compile(value);
        } catch (CriticalPostRules.InvalidPatternException e) {
            throw new InvalidWindowException(
                    field,
                    "cannot run in linear time (RE2 syntax): "
                            + e.getMessage()
                            + "; backreferences, lookaround, possessive quantifiers and atomic"
                            + " groups are not supported");
        }
        return value;
    }
}
