package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.caresignal.alert.domain.UncertainPolicy;
import org.caresignal.alert.domain.detection.DetectorOverrides;
import org.caresignal.alert.domain.detection.Sensitivity;

/**
 * Detection rules: per-brand detector configuration and uncertain policy, and the critical-post
 * rule set.
 */
@ApplicationScoped
public class RuleRepository {

    /**
     * A stored critical-post rule (regular expressions as text); {@code brandId} null for a rule of
     * every brand; {@code overrides} the global rule a brand's rule takes the place of (disabled:
     * switches off) for that brand, or null.
     */
    public record StoredRule(
            String id,
            String category,
            String match,
            String unless,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            String brandId,
            String overrides) {

        /** A rule that overrides no global rule. */
        public StoredRule(
                String id,
                String category,
                String match,
                String unless,
                boolean enabled,
                Instant createdAt,
                Instant updatedAt,
                String brandId) {
            this(id, category, match, unless, enabled, createdAt, updatedAt, brandId, null);
        }

        /** A global rule. */
        public StoredRule(
                String id,
                String category,
                String match,
                String unless,
                boolean enabled,
                Instant createdAt,
                Instant updatedAt) {
            this(id, category, match, unless, enabled, createdAt, updatedAt, null, null);
        }
    }

    /** A brand's stored detector configuration. */
    public record StoredDetector(String brandId, DetectorOverrides overrides, Instant updatedAt) {}

    private static final String RULES =
            "SELECT id, category, match_regex, unless_regex, enabled, created_at, updated_at,"
                    + " brand_id, overrides FROM critical_post_rule";
    private static final String DETECTORS =
            "SELECT brand_id, sensitivity, alpha_fire, min_negative, min_total, min_effect,"
                    + " on_buckets, off_buckets, updated_at FROM detector_config";

    private final EntityManager em;

    public RuleRepository(EntityManager em) {
        this.em = em;
    }

    /** True once the default rules were seeded (so deleted defaults stay deleted). */
    public boolean seeded() {
        return ((Number)
                                em.createNativeQuery(
                                                "SELECT count(*) FROM critical_post_rules_seeded")
                                        .getSingleResult())
                        .longValue()
                > 0;
    }

    public void markSeeded(Instant at) {
        em.createNativeQuery("INSERT INTO critical_post_rules_seeded (seeded_at) VALUES (:at)")
                .setParameter("at", Timestamp.from(at))
                .executeUpdate();
    }

    /** Inserts a rule; false when the id exists. */
    public boolean insert(StoredRule r) {
        return em.createNativeQuery(
                                "INSERT INTO critical_post_rule (id, category, match_regex,"
                                        + " unless_regex, enabled, created_at, updated_at,"
                                        + " brand_id, overrides) VALUES (:id, :category, :match,"
                                        + " CAST(:unless AS varchar), :enabled, :at, :at,"
                                        + " CAST(:brand AS varchar), CAST(:overrides AS varchar))"
                                        + " ON CONFLICT (id) DO NOTHING")
                        .setParameter("id", r.id())
                        .setParameter("category", r.category())
                        .setParameter("match", r.match())
                        .setParameter("unless", r.unless())
                        .setParameter("enabled", r.enabled())
                        .setParameter("brand", r.brandId())
                        .setParameter("overrides", r.overrides())
                        .setParameter("at", Timestamp.from(r.createdAt()))
                        .executeUpdate()
                > 0;
    }

    /**
     * Updates a rule's category, patterns, switch and the global rule it overrides; its brand
     * (scope) never changes.
     */
    public boolean update(StoredRule r) {
        return em.createNativeQuery(
                                "UPDATE critical_post_rule SET category = :category, match_regex"
                                        + " = :match, unless_regex = CAST(:unless AS varchar), enabled = :enabled,"
                                        + " overrides = CAST(:overrides AS varchar),"
                                        + " updated_at = :at WHERE id = :id")
                        .setParameter("id", r.id())
                        .setParameter("category", r.category())
                        .setParameter("match", r.match())
                        .setParameter("unless", r.unless())
                        .setParameter("enabled", r.enabled())
                        .setParameter("overrides", r.overrides())
                        .setParameter("at", Timestamp.from(r.updatedAt()))
                        .executeUpdate()
                > 0;
    }

    public boolean deleteRule(String id) {
        return em.createNativeQuery("DELETE FROM critical_post_rule WHERE id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0;
    }

    public Optional<StoredRule> rule(String id) {
        return rules(em.createNativeQuery(RULES + " WHERE id = :id").setParameter("id", id))
                .stream()
                .findFirst();
    }

    /** Every rule, global and per brand, in matching order. */
    public List<StoredRule> rules() {
        return rules(em.createNativeQuery(RULES + " ORDER BY created_at, id"));
    }

    /** The rules that apply to {@code brandId}: the global ones and its own, in matching order. */
    public List<StoredRule> rulesFor(String brandId) {
        return rules(
                em.createNativeQuery(
                                RULES
                                        + " WHERE brand_id IS NULL OR brand_id = :brand"
                                        + " ORDER BY created_at, id")
                        .setParameter("brand", brandId));
    }

    /** A fingerprint of the rule set: changes whenever a rule is added, changed or removed. */
    public String rulesVersion() {
        var row =
                (Object[])
                        em.createNativeQuery(
                                        "SELECT count(*), CAST(max(updated_at) AS text) FROM"
                                                + " critical_post_rule")
                                .getSingleResult();
        return row[0] + "@" + row[1];
    }

    public void upsertDetector(String brandId, DetectorOverrides o, Instant at) {
        em.createNativeQuery(
                        "INSERT INTO detector_config (brand_id, sensitivity, alpha_fire,"
                                + " min_negative, min_total, min_effect, on_buckets, off_buckets,"
                                + " updated_at) VALUES (:brand, :sensitivity, CAST(:alpha AS"
                                + " double precision), CAST(:neg AS bigint), CAST(:total AS bigint),"
                                + " CAST(:effect AS double precision), CAST(:on AS integer),"
                                + " CAST(:off AS integer), :at) ON CONFLICT (brand_id) DO"
                                + " UPDATE SET sensitivity = EXCLUDED.sensitivity, alpha_fire ="
                                + " EXCLUDED.alpha_fire, min_negative = EXCLUDED.min_negative,"
                                + " min_total = EXCLUDED.min_total, min_effect ="
                                + " EXCLUDED.min_effect, on_buckets = EXCLUDED.on_buckets,"
                                + " off_buckets = EXCLUDED.off_buckets, updated_at ="
                                + " EXCLUDED.updated_at")
                .setParameter("brand", brandId)
                .setParameter("sensitivity", o.sensitivity().name())
                .setParameter("alpha", o.alphaFire())
                .setParameter("neg", o.minNegative())
                .setParameter("total", o.minTotal())
                .setParameter("effect", o.minEffect())
                .setParameter("on", o.onBuckets())
                .setParameter("off", o.offBuckets())
                .setParameter("at", Timestamp.from(at))
                .executeUpdate();
    }

    public boolean deleteDetector(String brandId) {
        return em.createNativeQuery("DELETE FROM detector_config WHERE brand_id = :brand")
                        .setParameter("brand", brandId)
                        .executeUpdate()
                > 0;
    }

    public Optional<StoredDetector> detector(String brandId) {
        return detectors(
                        em.createNativeQuery(DETECTORS + " WHERE brand_id = :brand")
                                .setParameter("brand", brandId))
                .stream()
                .findFirst();
    }

    public List<StoredDetector> detectors() {
        return detectors(em.createNativeQuery(DETECTORS + " ORDER BY brand_id"));
    }

    @SuppressWarnings("unchecked")
    private static List<StoredRule> rules(jakarta.persistence.Query q) {
        List<Object[]> rows = q.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new StoredRule(
                                        (String) r[0],
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        (Boolean) r[4],
                                        ChannelRepository.instant(r[5]),
                                        ChannelRepository.instant(r[6]),
                                        (String) r[7],
                                        (String) r[8]))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<StoredDetector> detectors(jakarta.persistence.Query q) {
        List<Object[]> rows = q.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new StoredDetector(
                                        (String) r[0],
                                        new DetectorOverrides(
                                                Sensitivity.valueOf((String) r[1]),
                                                r[2] == null ? null : ((Number) r[2]).doubleValue(),
                                                r[3] == null ? null : ((Number) r[3]).longValue(),
                                                r[4] == null ? null : ((Number) r[4]).longValue(),
                                                r[5] == null ? null : ((Number) r[5]).doubleValue(),
                                                r[6] == null ? null : ((Number) r[6]).intValue(),
                                                r[7] == null ? null : ((Number) r[7]).intValue()),
                                        ChannelRepository.instant(r[8])))
                .toList();
    }

    /** A brand's stored uncertain policy. */
    public record StoredUncertainPolicy(
            String brandId, UncertainPolicy policy, Instant updatedAt) {}

    /** The brand's saved uncertain policy, if it saved one. */
    public Optional<StoredUncertainPolicy> uncertainPolicy(String brandId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT brand_id, policy, updated_at FROM uncertain_policy"
                                        + " WHERE brand_id = :brand")
                        .setParameter("brand", brandId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(
                        r ->
                                new StoredUncertainPolicy(
                                        (String) r[0],
                                        UncertainPolicy.valueOf((String) r[1]),
                                        ChannelRepository.instant(r[2])));
    }

    public void upsertUncertainPolicy(String brandId, UncertainPolicy policy, Instant at) {
        em.createNativeQuery(
                        "INSERT INTO uncertain_policy (brand_id, policy, updated_at) VALUES"
                                + " (:brand, :policy, :at) ON CONFLICT (brand_id) DO UPDATE SET"
                                + " policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at")
                .setParameter("brand", brandId)
                .setParameter("policy", policy.name())
                .setParameter("at", Timestamp.from(at))
                .executeUpdate();
    }
}
