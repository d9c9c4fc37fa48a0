package org.caresignal.alert.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.Certainty;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * Our copy of the {@code MentionScored} v1 event read from {@code mentions.scored.v1}; unknown
 * fields are ignored so producers can add optional ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionScored(
        UUID eventId,
        String eventType,
        Integer schemaVersion,
        Instant occurredAt,
        UUID mentionId,
        String brandId,
        String facilityId,
        String source,
        String url,
        String text,
        Instant publishedAt,
        String label,
        Double score,
        String modelVersion,
        Boolean uncertain,
        String language,
        List<AspectScore> aspects,
        Integer revision,
        Boolean corrected) {

    private static final int MAX_URL = 2048;
    private static final int MAX_ASPECTS = 20;

    /** An aspect the post mentions, with the sentiment of its sentences (optional in v1). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AspectScore(String aspect, String label, Double score) {}

    /**
     * The aspects the post is negative about: those labelled {@code NEGATIVE}, once each. The field
     * is optional, so an aspect that is not a slug (or a missing list) is dropped rather than
     * rejecting the mention.
     */
    public Set<String> negativeAspects() {
        var negative = new LinkedHashSet<String>();
        if (aspects == null) {
            return negative;
        }
        for (var a : aspects) {
            if (a != null
                    && a.aspect() != null
                    && "NEGATIVE".equals(a.label())
                    && BrandIds.isValid(a.aspect())
                    && negative.size() < MAX_ASPECTS) {
                negative.add(a.aspect());
            }
        }
        return negative;
    }

    /**
     * The fields counting needs, checked.
     *
     * @throws InvalidEventException when a required field is missing or a value is not allowed
     */
    public LabelledMention toLabelledMention() {
        require(mentionId, "mentionId");
        require(brandId, "brandId");
        require(label, "label");
        require(publishedAt, "publishedAt");
        if (!BrandIds.isValid(brandId)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "brandId must match " + BrandIds.PATTERN);
        }
        var knownLabel =
                SentimentLabel.fromWire(label)
                        .orElseThrow(
                                () ->
                                        new InvalidEventException(
                                                InvalidEventException.UNKNOWN_LABEL,
                                                "label must be NEGATIVE, NEUTRAL or POSITIVE"));
        var facility = facilityId == null || facilityId.isBlank() ? null : facilityId;
        if (facility != null && !BrandIds.isValid(facility)) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD,
                    "facilityId must match " + BrandIds.PATTERN);
        }
        // A link longer than any real post URL is dropped rather than rejecting the mention.
        var link = url == null || url.isBlank() || url.length() > MAX_URL ? null : url;
        // Optional: absent means the first scoring. A negative one cannot be ordered against the
        // others, so it is refused rather than guessed.
        if (revision != null && revision < 0) {
            throw new InvalidEventException(
                    InvalidEventException.INVALID_FIELD, "revision must be >= 0");
        }
        return new LabelledMention(
                mentionId,
                brandId,
                facility,
                knownLabel,
                publishedAt,
                link,
                revision == null ? 0 : revision,
                // Optional: absent means the scorer was sure (an older producer).
                Certainty.of(Boolean.TRUE.equals(uncertain), language, isCorrected()));
    }

    /** True when the effective label is an analyst's correction (absent: false). */
    public boolean isCorrected() {
        return Boolean.TRUE.equals(corrected);
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException(
                    InvalidEventException.MISSING_FIELD, field + " is required");
        }
    }
}
