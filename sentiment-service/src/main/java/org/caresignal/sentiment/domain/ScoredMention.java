package org.caresignal.sentiment.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/** A mention with the sentiment it was given, one row per mention id in {@code scored_mention}. */
@Entity
@Table(name = "scored_mention")
public class ScoredMention {

    @Id
    @Column(name = "mention_id")
    public UUID mentionId;

    @Column(name = "brand_id", nullable = false)
    public String brandId;

    @Column(name = "facility_id")
    public String facilityId;

    @Column(name = "source", nullable = false)
    public String source;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "url")
    public String url;

    /**
     * Null once erased on request or purged at TEXT age (see {@link #erasedAt}, {@link
     * #textPurgedAt}).
     */
    @Column(name = "text")
    public String text;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    /** ISO 639-1 code or {@code und} as ingest detected it; null for older mentions. */
    @Column(name = "language")
    public String language;

    @Column(name = "score", nullable = false)
    public double score;

    @Enumerated(EnumType.STRING)
    @Column(name = "label", nullable = false)
    public SentimentLabel label;

    @Column(name = "uncertain", nullable = false)
    public boolean uncertain;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "mention_aspect", joinColumns = @JoinColumn(name = "mention_id"))
    @OrderBy("aspect")
    @BatchSize(size = 100)
    public List<MentionAspect> aspects = new ArrayList<>();

    @Column(name = "model_version", nullable = false)
    public String modelVersion;

    @Column(name = "scored_at", nullable = false)
    public Instant scoredAt;

    @Column(name = "scored_event_id", nullable = false)
    public UUID scoredEventId;

    /** When an erasure on request took the text, URL, external id and aspects away; else null. */
    @Column(name = "erased_at")
    public Instant erasedAt;

    /** When the TEXT retention took the text, URL and external id away; else null. */
    @Column(name = "text_purged_at")
    public Instant textPurgedAt;

    /** Whether the post's text is still held (neither erased nor purged). */
    public boolean holdsText() {
        return text != null;
    }

    /** Records the sentiment on this mention and derives the id of its MentionScored event. */
    public void assign(Sentiment sentiment, Instant at) {
        assign(new ScoredText(sentiment, List.of()), at);
    }

    /**
     * Records the scorer's verdict (replacing an older one) and derives the id of its MentionScored
     * event, which changes with the model version.
     */
    public void assign(ScoredText scored, Instant at) {
        var sentiment = scored.sentiment();
        score = sentiment.score();
        label = sentiment.label();
        uncertain = sentiment.uncertain();
        modelVersion = sentiment.modelVersion();
        aspects.clear();
        scored.aspects().stream()
                .sorted(java.util.Comparator.comparing(AspectSentiment::aspect))
                .map(MentionAspect::from)
                .forEach(aspects::add);
        scoredAt = at;
        scoredEventId = scoredEventId(mentionId, modelVersion);
    }

    /**
     * The MentionScored event id: the same for every publication of one mention by one model, so
     * that consumers drop re-publications as duplicates.
     */
    public static UUID scoredEventId(UUID mentionId, String modelVersion) {
        return UUID.nameUUIDFromBytes(
                (mentionId + "|" + modelVersion).getBytes(StandardCharsets.UTF_8));
    }
}
