package org.caresignal.sentiment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.PhraseRule;

/**
 * Reads and writes brands' phrase rules ({@code phrase_rule}) and the fingerprint of each brand's
 * current rules ({@code phrase_rule_set}).
 */
@ApplicationScoped
public class PhraseRuleRepository implements PanacheRepositoryBase<PhraseRule, UUID> {

    /** The brand's rules, oldest first. */
    public List<PhraseRule> ofBrand(String brandId) {
        return list("brandId = ?1 order by createdAt, ruleId", brandId);
    }

    /** The brand's rule with this phrase key, or null. */
    public PhraseRule byKey(String brandId, String phraseKey) {
        return find("brandId = ?1 and phraseKey = ?2", brandId, phraseKey).firstResult();
    }

    /**
     * Locks the brand's rule set for this transaction (creating its row at the first change), so
     * that changes of one brand run one after another. Must run inside a transaction.
     */
    public void lockBrand(String brandId, Instant now) {
        getEntityManager()
                .createNativeQuery(
                        "insert into phrase_rule_set (brand_id, fingerprint, changed_at) values"
                                + " (:brand, '', :now) on conflict (brand_id) do nothing")
                .setParameter("brand", brandId)
                .setParameter("now", now)
                .executeUpdate();
        getEntityManager()
                .createNativeQuery(
                        "select brand_id from phrase_rule_set where brand_id = :brand for update")
                .setParameter("brand", brandId)
                .getResultList();
    }

    /** Records the fingerprint of the brand's rules after a change (under {@link #lockBrand}). */
    public void setFingerprint(String brandId, String fingerprint, Instant now) {
        getEntityManager()
                .createNativeQuery(
                        "update phrase_rule_set set fingerprint = :fingerprint, changed_at = :now"
                                + " where brand_id = :brand")
                .setParameter("brand", brandId)
                .setParameter("fingerprint", fingerprint)
                .setParameter("now", now)
                .executeUpdate();
    }
}
