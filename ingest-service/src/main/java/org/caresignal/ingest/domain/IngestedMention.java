package org.caresignal.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The record that a mention was accepted (without its text), which makes acceptance idempotent. */
@Entity
@Table(name = "ingested_mention")
public class IngestedMention {

    @Id
    @Column(name = "mention_id")
    public UUID mentionId;

    /**
     * The post's own id, {@code MentionIds.of(source, externalId)}: the mention id of its first
     * brand, shared by the mentions it makes for further brands.
     */
    @Column(name = "post_id", nullable = false)
    public UUID postId;

    @Column(name = "brand_id", nullable = false)
    public String brandId;

    @Column(name = "facility_id")
    public String facilityId;

    @Column(name = "source", nullable = false)
    public String source;

    /** The post's id at its source; null once erased or past the text retention. */
    @Column(name = "external_id")
    public String externalId;

    /**
     * Keyed hash of the post's URL (IdentityHashes.url); null without a URL, once erased or purged.
     */
    @Column(name = "url_hash")
    public String urlHash;

    /** When the retention purge blanked the identifiers; null until then. */
    @Column(name = "text_purged_at")
    public Instant textPurgedAt;

    @Column(name = "author_pseudonym")
    public String authorPseudonym;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "redactions", nullable = false)
    public int redactions;

    @Column(name = "accepted_at", nullable = false)
    public Instant acceptedAt;

    /** ISO 639-1 code of the post's language, or {@code und}. */
    @Column(name = "language", nullable = false)
    public String language;

    /** The mention id of the original when this post reposts, quotes or crossposts another. */
    @Column(name = "repost_of")
    public UUID repostOf;

    /** The integration that pushed it through the webhook; null when a connector found it. */
    @Column(name = "integration")
    public String integration;
}
