package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.ApiKeys;
import org.caresignal.ingest.domain.Integration;
import org.caresignal.ingest.repository.IntegrationRepository;

/**
 * Manages webhook integrations and their API keys: creates them (the key is returned once and only
 * its hash kept), grants them brands, revokes them, declares those of the configuration at start
 * (with every brand), and authenticates a presented key. Every change is audited in its own
 * transaction; keys are never logged.
 */
@ApplicationScoped
public class IntegrationService {

    /** A new integration with the one copy of its key the caller will ever see. */
    public record Created(Integration integration, String key) {}

    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);

    private final IntegrationRepository integrations;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final AuditLog audit;

    public IntegrationService(
            IntegrationRepository integrations,
            IngestConfig config,
            MeterRegistry registry,
            AuditLog audit) {
        this.integrations = integrations;
        this.config = config;
        this.registry = registry;
        this.audit = audit;
    }

    @Transactional
    void declareConfigured(@Observes StartupEvent start) {
        Map<String, String> keys;
        try {
            keys = ApiKeys.parseConfigured(config.webhook().keys().orElse(""));
        } catch (IllegalArgumentException e) {
            // Fail the start: a typo here would otherwise lock every integration out silently.
            throw new IllegalStateException(
                    "caresignal.ingest.webhook.keys (INGEST_WEBHOOK_KEYS): " + e.getMessage());
        }
        declare(keys);
    }

    /**
     * Makes the configured integrations exist with exactly these keys: a new key for a configured
     * name replaces the old one, and a name dropped from the configuration is revoked. A newly
     * declared one may push for every brand (what configured integrations always could); an admin
     * may narrow that with {@link #grant}, which a later start keeps.
     */
    @Transactional
    public void declare(Map<String, String> keys) {
        integrations.lockNames();
        var now = Instant.now();
        for (var existing :
                integrations.list("origin = ?1 and revokedAt is null", Integration.ORIGIN_CONFIG)) {
            var key = keys.get(existing.name);
            if (key == null) {
                existing.revokedAt = now;
                audit.change(
                        Actor.CONFIGURATION,
                        "integration.revoke",
                        existing.id.toString(),
                        "name=" + existing.name + ", no longer configured");
                Log.infof("Integration %s is no longer configured; revoked", existing.name);
            } else if (!ApiKeys.matches(key, existing.keyHash)) {
                existing.keyHash = ApiKeys.hash(key);
                existing.keyPrefix = ApiKeys.displayPrefix(key);
                audit.change(
                        Actor.CONFIGURATION,
                        "integration.rotate",
                        existing.id.toString(),
                        "name=" + existing.name + ", key " + existing.keyPrefix + "…");
                Log.infof("Integration %s has a new configured key", existing.name);
            }
        }
        integrations.flush();
        keys.forEach(
                (name, key) -> {
                    var current = integrations.findActiveByName(name);
                    if (current.isPresent()) {
                        if (!Integration.ORIGIN_CONFIG.equals(current.get().origin)) {
                            throw new IllegalStateException(
                                    "configured integration "
                                            + name
                                            + " clashes with one created through the API");
                        }
                        return;
                    }
                    var declared = newIntegration(name, Integration.ORIGIN_CONFIG, key, now);
                    declared.grant(true, List.of());
                    integrations.persist(declared);
                    audit.change(
                            Actor.CONFIGURATION,
                            "integration.create",
                            declared.id.toString(),
                            describe(declared));
                    Log.infof("Integration %s declared from the configuration", name);
                });
    }

    /**
     * Creates an integration that may push for the given brands, or for every brand when {@code
     * allBrands}; with neither it pushes for no brand until granted some.
     */
    @Transactional
    public Created create(String name, List<String> brandIds, boolean allBrands, Actor actor) {
        // Two creations of one name at once: the later one answers 409, not a key violation.
        integrations.lockNames();
        if (integrations.findActiveByName(name).isPresent()) {
            throw new ConflictException("an active integration is already named " + name);
        }
        var key = ApiKeys.generate();
        var integration = newIntegration(name, Integration.ORIGIN_API, key, Instant.now());
        integration.grant(allBrands, brandIds);
        integrations.persist(integration);
        audit.change(actor, "integration.create", integration.id.toString(), describe(integration));
        Log.infof(
                "Integration %s created by %s (key %s…)",
                name, actor.username(), integration.keyPrefix);
        return new Created(integration, key);
    }

    /** Replaces the brands the integration may push for: these, or every brand. */
    @Transactional
    public Integration grant(UUID id, List<String> brandIds, boolean allBrands, Actor actor) {
        var integration = get(id);
        if (!integration.active()) {
            throw new ConflictException("integration " + integration.name + " is revoked");
        }
        integration.grant(allBrands, brandIds);
        audit.change(actor, "integration.grant", integration.id.toString(), brandsOf(integration));
        Log.infof(
                "Integration %s granted %s by %s",
                integration.name, brandsOf(integration), actor.username());
        return integration;
    }

    public List<Integration> list() {
        return integrations.listByCreation();
    }

    public Integration get(UUID id) {
        return integrations
                .findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no integration " + id));
    }

    /** Revokes the integration's key at once; the row stays for the record. */
    @Transactional
    public Integration revoke(UUID id, Actor actor) {
        var integration = get(id);
        if (Integration.ORIGIN_CONFIG.equals(integration.origin) && integration.active()) {
            throw new ConflictException(
                    "integration "
                            + integration.name
                            + " is configured (INGEST_WEBHOOK_KEYS); remove it there and restart");
        }
        if (integration.active()) {
            integration.revokedAt = Instant.now();
            audit.change(
                    actor,
                    "integration.revoke",
                    integration.id.toString(),
                    "name=" + integration.name);
            Log.infof("Integration %s revoked by %s", integration.name, actor.username());
        }
        return integration;
    }

    /**
     * The active integration that owns this key, if any; counts refused keys by reason ({@code
     * missing}, {@code invalid}) and notes the integration's last use.
     */
    @Transactional
    public Optional<Integration> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            countRefused("missing");
            return Optional.empty();
        }
        // The lookup is by the SHA-256 of a high-entropy key, so its timing tells nothing useful;
        // the final comparison is constant-time all the same.
        var found =
                integrations
                        .findActiveByKeyHash(ApiKeys.hash(presentedKey.strip()))
                        .filter(i -> ApiKeys.matches(presentedKey.strip(), i.keyHash));
        if (found.isEmpty()) {
            countRefused("invalid");
            return Optional.empty();
        }
        var integration = found.get();
        integrations.touch(integration.id, Instant.now(), TOUCH_GRANULARITY);
        return found;
    }

    /** Counts a webhook request refused for want of a valid key. */
    public void countRefused(String reason) {
        registry.counter("caresignal.webhook.auth.failures", "reason", reason).increment();
    }

    private static String describe(Integration integration) {
        return "name=" + integration.name + ", " + brandsOf(integration);
    }

    private static String brandsOf(Integration integration) {
        if (integration.allBrands) {
            return "brands=all";
        }
        var brands = integration.allowedBrands();
        return brands.isEmpty() ? "brands=none" : "brands=" + String.join(",", brands);
    }

    private static Integration newIntegration(String name, String origin, String key, Instant now) {
        var integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.name = name;
        integration.origin = origin;
        integration.keyHash = ApiKeys.hash(key);
        integration.keyPrefix = ApiKeys.displayPrefix(key);
        integration.createdAt = now;
        return integration;
    }
}
