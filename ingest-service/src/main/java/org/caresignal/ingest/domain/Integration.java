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
 * A system allowed to push mentions, with the hash of its API key and the brands an admin granted
 * it: those listed, or every brand when {@code allBrands}; none until granted.
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

    /** Comma-separated brand ids it may push for, or null for none (unless {@code allBrands}). */
    @Column(name = "brand_ids")
    public String brandIds;

    /** An explicit grant of every brand, present and future. */
    @Column(name = "all_brands", nullable = false)
    public boolean allBrands;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The brands granted one by one (empty when none, or when every brand is granted). */
    public List<String> allowedBrands() {
        return brandIds == null || brandIds.isBlank()
                ? List.of()
                : Arrays.asList(brandIds.split(","));
    }

    /** Replaces the grant: every brand, or exactly these (none when empty). */
    public void grant(boolean everyBrand, List<String> brands) {
        allBrands = everyBrand;
        brandIds =
                everyBrand || brands == null || brands.isEmpty()
                        ? null
                        : String.join(",", brands.stream().distinct().sorted().toList());
    }

    public boolean mayPushFor(String brandId) {
        return allBrands || allowedBrands().contains(brandId);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
