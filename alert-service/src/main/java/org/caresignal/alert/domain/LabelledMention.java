package org.caresignal.alert.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The part of a scored mention that counting and detection need: which mention, which brand and
 * facility, what label, when, and its link.
 *
 * @param facilityId the facility slug, or null for a system-wide mention
 * @param url link to the post, or null
 */
public record LabelledMention(
        UUID mentionId,
        String brandId,
        String facilityId,
        SentimentLabel label,
        Instant publishedAt,
        String url) {

    public LabelledMention {
        Objects.requireNonNull(mentionId, "mentionId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (!BrandIds.isValid(brandId)) {
            throw new IllegalArgumentException("brandId must match " + BrandIds.PATTERN);
        }
        if (facilityId != null && !BrandIds.isValid(facilityId)) {
            throw new IllegalArgumentException("facilityId must match " + BrandIds.PATTERN);
        }
    }

    /** A brand-wide mention without a link. */
    public LabelledMention(
            UUID mentionId, String brandId, SentimentLabel label, Instant publishedAt) {
        this(mentionId, brandId, null, label, publishedAt, null);
    }
}
