package org.caresignal.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A system allowed to push mentions, with the hash of its API key and the brands it may push for
 * (all when none are listed).
 */
@Entity
@Table(name = "integration")
public class Integration {

    /** Created through the API. */
    public static final String ORIGIN_API = "api";

    /** Declared in configuration ({@code INGEST_WEBHOOK_KEYS}); it comes back at each start. */
    public static final String ORIGIN_CONFIG = "config";

    @Id
    @Column(name = "integration_id")
    public UUID id;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "origin", nullable = false)
    public String origin;

    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    /** Comma-separated brand ids, or null for every brand. */
    @Column(name = "brand_ids")
    public String brandIds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The brands this integration may push for; empty means every brand. */
    public List<String> allowedBrands() {
        return brandIds == null || brandIds.isBlank()
                ? List.of()
                : Arrays.asList(brandIds.split(","));
    }

    public boolean mayPushFor(String brandId) {
        var allowed = allowedBrands();
        return allowed.isEmpty() || allowed.contains(brandId);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
