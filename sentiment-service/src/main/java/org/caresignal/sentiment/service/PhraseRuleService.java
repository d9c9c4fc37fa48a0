package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.PhraseRule;
import org.caresignal.sentiment.domain.PhraseRules;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.repository.PhraseRuleRepository;

/**
 * Brands' phrase rules: admins' changes in (each with its audit row, in one transaction), the rules
 * compiled per brand out, for scoring through a cache that asks the database again after {@link
 * SentimentConfig#phraseRulesTtl} (changes made on this instance apply at once, those made on
 * another within that time) and fresh for re-scoring.
 */
@ApplicationScoped
public class PhraseRuleService {

    /** The most rules one brand may have. */
    public static final int MAX_RULES_PER_BRAND = 500;

    /**
     * Past this many brands in memory the cache starts again (brands are few; ids are not ours).
     */
    private static final int MAX_CACHED_BRANDS = 10_000;

    private final PhraseRuleRepository rules;
    private final AuditService audit;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public PhraseRuleService(
            PhraseRuleRepository rules, AuditService audit, SentimentConfig config) {
        this.rules = rules;
        this.audit = audit;
        this.ttlNanos = config.phraseRulesTtl().toNanos();
    }

    private record Cached(PhraseRules rules, long loadedAt) {}

    /** What an admin asks for: a phrase (trimmed, validated), its polarity and a note or null. */
    public record NewRule(String phrase, SentimentLabel polarity, String note) {}

    /** Why a rule was not created. */
    public enum Refusal {
        DUPLICATE,
        LIMIT
    }

    /** The rule created (null when refused) or the refusal. */
    public record Created(PhraseRule rule, Refusal refusal) {}

    /** The brand's rules, oldest first. */
    public List<PhraseRule> list(String brandId) {
        return QuarkusTransaction.requiringNew().call(() -> rules.ofBrand(brandId));
    }

    /**
     * Adds a rule for the brand under the caller, unless the brand has one with the same phrase
     * (case and spacing aside) or has {@link #MAX_RULES_PER_BRAND} already; audited either way.
     */
    public Created create(String brandId, NewRule wanted, Actor actor) {
        var created =
                QuarkusTransaction.requiringNew().call(() -> applyCreate(brandId, wanted, actor));
        cache.remove(brandId);
        if (created.rule() != null) {
            // Not the phrase: it can be a name; the audit row has it.
            Log.infof(
                    "Phrase rule %s (%s) created for brand %s by %s",
                    created.rule().ruleId, created.rule().polarity, brandId, actor.username());
        }
        return created;
    }

    /** Deletes the brand's rule; false when it has no such rule. Audited either way. */
    public boolean delete(String brandId, UUID ruleId, Actor actor) {
        boolean deleted =
                QuarkusTransaction.requiringNew().call(() -> applyDelete(brandId, ruleId, actor));
        cache.remove(brandId);
        if (deleted) {
            Log.infof(
                    "Phrase rule %s of brand %s deleted by %s", ruleId, brandId, actor.username());
        }
        return deleted;
    }

    /** The brand's rules as the scorer applies them, at most the cache's time old. */
    public PhraseRules forScoring(String brandId) {
        long now = System.nanoTime();
        var cached = cache.get(brandId);
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return cached.rules();
        }
        var loaded = current(brandId);
        if (cache.size() >= MAX_CACHED_BRANDS) {
            cache.clear();
        }
        cache.put(brandId, new Cached(loaded, now));
        return loaded;
    }

    /** The brand's rules as the scorer applies them, read now. */
    public PhraseRules current(String brandId) {
        var rows = list(brandId);
        return PhraseRules.of(rows.stream().map(PhraseRule::rule).toList());
    }

    private Created applyCreate(String brandId, NewRule wanted, Actor actor) {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        rules.lockBrand(brandId, now);
        var key = PhraseRules.key(wanted.phrase());
        var target = target(brandId, null);
        if (rules.byKey(brandId, key) != null) {
            audit.record(actor, "phrase-rule.create", target, null, "refused duplicate");
            return new Created(null, Refusal.DUPLICATE);
        }
        if (rules.count("brandId", brandId) >= MAX_RULES_PER_BRAND) {
            audit.record(actor, "phrase-rule.create", target, null, "refused limit");
            return new Created(null, Refusal.LIMIT);
        }
        var rule = new PhraseRule();
        rule.ruleId = UUID.randomUUID();
        rule.brandId = brandId;
        rule.phrase = wanted.phrase();
        rule.phraseKey = key;
        rule.polarity = wanted.polarity();
        rule.note = wanted.note();
        rule.createdBy = actor.username();
        rule.createdAt = now;
        rules.persist(rule);
        rules.flush();
        var fingerprint = fingerprint(brandId, now);
        audit.record(
                actor,
                "phrase-rule.create",
                target(brandId, rule.ruleId),
                null,
                describe(rule) + " rules=" + fingerprint);
        return new Created(rule, null);
    }

    private boolean applyDelete(String brandId, UUID ruleId, Actor actor) {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        rules.lockBrand(brandId, now);
        var rule = rules.findById(ruleId);
        if (rule == null || !rule.brandId.equals(brandId)) {
            audit.record(actor, "phrase-rule.delete", target(brandId, ruleId), null, "not found");
            return false;
        }
        rules.delete(rule);
        rules.flush();
        var fingerprint = fingerprint(brandId, now);
        audit.record(
                actor,
                "phrase-rule.delete",
                target(brandId, ruleId),
                null,
                describe(rule) + " rules=" + fingerprint);
        return true;
    }

    /** Records and returns the fingerprint of the brand's rules as they are now. */
    private String fingerprint(String brandId, Instant now) {
        var fingerprint =
                PhraseRules.of(rules.ofBrand(brandId).stream().map(PhraseRule::rule).toList())
                        .fingerprint();
        rules.setFingerprint(brandId, fingerprint, now);
        return fingerprint;
    }

    private static String target(String brandId, UUID ruleId) {
        return "brand=" + brandId + (ruleId == null ? "" : "&rule=" + ruleId);
    }

    // The phrase is kept in the audit (who fixed "Dr. Payne" to neutral, and when, must be
    // answerable after the rule is gone); the note is not, it is free text.
    private static String describe(PhraseRule rule) {
        return "polarity=" + rule.polarity + " phrase=" + rule.phrase;
    }
}
