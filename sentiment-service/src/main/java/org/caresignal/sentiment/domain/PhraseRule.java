package org.caresignal.sentiment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One of a brand's phrase rules, a row of {@code phrase_rule}: the phrase, the polarity it is fixed
 * to, an optional note, and which admin created it when.
 */
@Entity
@Table(name = "phrase_rule")
public class PhraseRule {

    @Id
    @Column(name = "rule_id")
    public UUID ruleId;

    @Column(name = "brand_id", nullable = false)
    public String brandId;

    /** As the admin wrote it, trimmed. */
    @Column(name = "phrase", nullable = false)
    public String phrase;

    /** {@link PhraseRules#key} of the phrase: one rule per key and brand. */
    @Column(name = "phrase_key", nullable = false)
    public String phraseKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "polarity", nullable = false)
    public SentimentLabel polarity;

    @Column(name = "note")
    public String note;

    /** The username of the verified token that created it. */
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The rule as the scorer applies it. */
    public PhraseRules.Rule rule() {
        return new PhraseRules.Rule(phrase, polarity);
    }
}
