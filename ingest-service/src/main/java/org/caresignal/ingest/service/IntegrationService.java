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
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.ApiKeys;
import org.caresignal.ingest.domain.Integration;
import org.caresignal.ingest.repository.IntegrationRepository;

/**
 * Manages webhook integrations and their API keys: creates them (the key is returned once and only
 * its hash kept), revokes them, declares those of the configuration at start, and authenticates a
 * presented key. Keys are never logged.
 */
@ApplicationScoped
public class IntegrationService {

    /** A new integration with the one copy of its key the caller will ever see. */
    public record Created(Integration integration, String key) {}

    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);

    private final IntegrationRepository integrations;
    private final IngestConfig config;
    private final MeterRegistry registry;

    public IntegrationService(
            IntegrationRepository integrations, IngestConfig config, MeterRegistry registry) {
        this.integrations = integrations;
        this.config = config;
        this.registry = registry;
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
     * name replaces the old one, and a name dropped from the configuration is revoked.
     */
    @Transactional
    public void declare(Map<String, String> keys) {
        var now = Instant.now();
        for (var existing :
                integrations.list("origin = ?1 and revokedAt is null", Integration.ORIGIN_CONFIG)) {
            var key = keys.get(existing.name);
            if (key == null) {
                existing.revokedAt = now;
                Log.infof("Integration %s is no longer configured; revoked", existing.name);
            } else if (!ApiKeys.matches(key, existing.keyHash)) {
                existing.keyHash = ApiKeys.hash(key);
                existing.keyPrefix = ApiKeys.displayPrefix(key);
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
                    integrations.persist(
                            newIntegration(name, Integration.ORIGIN_CONFIG, key, List.of(), now));
                    Log.infof("Integration %s declared from the configuration", name);
                });
    }

    @Transactional
    public Created create(String name, List<String> brandIds) {
        if (integrations.findActiveByName(name).isPresent()) {
            throw new ConflictException("an active integration is already named " + name);
        }
        var key = ApiKeys.generate();
        var integration =
                newIntegration(name, Integration.ORIGIN_API, key, brandIds, Instant.now());
        integrations.persist(integration);
        Log.infof("Integration %s created (key %s…)", name, integration.keyPrefix);
        return new Created(integration, key);
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
    public Integration revoke(UUID id) {
        var integration = get(id);
        if (Integration.ORIGIN_CONFIG.equals(integration.origin) && integration.active()) {
            throw new ConflictException(
                    "integration "
                            + integration.name
                            + " is configured (INGEST_WEBHOOK_KEYS); remove it there and restart");
        }
        if (integration.active()) {
            integration.revokedAt = Instant.now();
            Log.infof("Integration %s revoked", integration.name);
        }
        return integration;
    }

    /**
     * The active integration that owns this key.
     *
     * @throws UnauthorizedException when the key is missing, unknown or revoked
     */
    @Transactional
    public Integration authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            registry.counter("caresignal.webhook.auth.failures", "reason", "missing").increment();
            throw new UnauthorizedException("an API key is required", false);
        }
        // The lookup is by the SHA-256 of a high-entropy key, so its timing tells nothing useful;
        // the final comparison is constant-time all the same.
        var found =
                integrations
                        .findActiveByKeyHash(ApiKeys.hash(presentedKey.strip()))
                        .filter(i -> ApiKeys.matches(presentedKey.strip(), i.keyHash));
        if (found.isEmpty()) {
            registry.counter("caresignal.webhook.auth.failures", "reason", "invalid").increment();
            throw new UnauthorizedException("the API key is not valid", true);
        }
        var integration = found.get();
        integrations.touch(integration.id, Instant.now(), TOUCH_GRANULARITY);
        return integration;
    }

    private static Integration newIntegration(
            String name, String origin, String key, List<String> brandIds, Instant now) {
        var integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.name = name;
        integration.origin = origin;
        integration.keyHash = ApiKeys.hash(key);
        integration.keyPrefix = ApiKeys.displayPrefix(key);
        integration.brandIds =
                brandIds == null || brandIds.isEmpty()
                        ? null
                        : String.join(",", brandIds.stream().distinct().sorted().toList());
        integration.createdAt = now;
        return integration;
    }
}
