package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.UUID;
import org.caresignal.sentiment.domain.PhraseRule;
import org.caresignal.sentiment.domain.SentimentLabel;

/** One phrase rule of a brand, as the API shows it. */
public record PhraseRuleResponse(
        UUID ruleId,
        String brandId,
        String phrase,
        SentimentLabel polarity,
        String note,
        String createdBy,
        Instant createdAt) {

    public static PhraseRuleResponse from(PhraseRule rule) {
        return new PhraseRuleResponse(
                rule.ruleId,
                rule.brandId,
                rule.phrase,
                rule.polarity,
                rule.note,
                rule.createdBy,
                rule.createdAt);
    }
}
