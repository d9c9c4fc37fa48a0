package org.caresignal.alert.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The part of a scored mention that counting and detection need: which mention, which brand and
 * facility, what label, when, its link, and which revision of its scoring this is.
 *
 * @param facilityId the facility slug, or null for a system-wide mention
 * @param url link to the post, or null
 * @param revision 0 for the first scoring, one more for each later change of its effective label,
 *     score or aspects (a correction, a rescore)
 * @param certainty how sure the scorer was of {@code label}
 */
public record LabelledMention(
        UUID mentionId,
        String brandId,
        String facilityId,
        SentimentLabel label,
        Instant publishedAt,
        String url,
        int revision,
        Certainty certainty) {

    public LabelledMention {
        Objects.requireNonNull(certainty, "certainty");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, got " + revision);
        }
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

    /** A mention the scorer was sure of. */
    public LabelledMention(
            UUID mentionId,
            String brandId,
            String facilityId,
            SentimentLabel label,
            Instant publishedAt,
            String url,
            int revision) {
        this(mentionId, brandId, facilityId, label, publishedAt, url, revision, Certainty.CERTAIN);
    }

    /** The first scoring (revision 0) of a mention. */
    public LabelledMention(
            UUID mentionId,
            String brandId,
            String facilityId,
            SentimentLabel label,
            Instant publishedAt,
            String url) {
        this(mentionId, brandId, facilityId, label, publishedAt, url, 0);
    }

    /** A brand-wide mention without a link. */
    public LabelledMention(
            UUID mentionId, String brandId, SentimentLabel label, Instant publishedAt) {
        this(mentionId, brandId, null, label, publishedAt, null);
    }
}
