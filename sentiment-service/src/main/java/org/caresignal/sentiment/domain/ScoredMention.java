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
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * A mention with the sentiment it was given, one row per mention id in {@code scored_mention}:
 * {@link #label}, {@link #score}, {@link #uncertain} and {@link #aspects} are the effective verdict
 * (an analyst's correction over the model's), the {@code model*} fields the model's own.
 */
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

    /** The model's own label, kept when an analyst corrects the effective {@link #label}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "model_label", nullable = false)
    public SentimentLabel modelLabel;

    @Column(name = "model_score", nullable = false)
    public double modelScore;

    @Column(name = "model_uncertain", nullable = false)
    public boolean modelUncertain;

    /** 0 at first scoring, one more each time the effective verdict changed. */
    @Column(name = "revision", nullable = false)
    public int revision;

    /**
     * The fingerprint of the brand's phrase rules the text was scored under ({@link
     * PhraseRules#fingerprint}; empty for none).
     */
    @Column(name = "phrase_rules", nullable = false)
    public String phraseRules = "";

    /** Whether the effective label is an analyst's correction. */
    @Column(name = "corrected", nullable = false)
    public boolean corrected;

    /** A committed change whose MentionScored the broker has not acknowledged yet. */
    @Column(name = "publish_pending", nullable = false)
    public boolean publishPending;

    /** The mention this one reposts, as ingest sent it (that one may not be stored). */
    @Column(name = "repost_of")
    public UUID repostOf;

    /**
     * How many stored mentions repost this one; kept by SQL only (never written from the entity, so
     * that a loaded row cannot write back a stale count).
     */
    @Column(name = "reposts", insertable = false, updatable = false)
    public int reposts;

    /** Whether the post's text is still held (neither erased nor purged). */
    public boolean holdsText() {
        return text != null;
    }

    /** Records the sentiment on this mention and derives the id of its MentionScored event. */
    public void assign(Sentiment sentiment, Instant at) {
        assign(new ScoredText(sentiment, List.of()), at);
    }

    /**
     * Records the scorer's first verdict, which is also the effective one, and derives the id of
     * its MentionScored event, which changes with the model version.
     */
    public void assign(ScoredText scored, Instant at) {
        model(scored);
        effective(null);
        scoredAt = at;
        scoredEventId = scoredEventId(mentionId, modelVersion, revision);
    }

    /**
     * Records a new model's verdict on a stored mention, keeping an analyst's correction (null for
     * none) as the effective label; the revision goes up when the effective verdict changed.
     *
     * @return whether the effective verdict changed
     */
    public boolean rescore(ScoredText scored, MentionCorrection.Corrected correction, Instant at) {
        var before = verdict();
        model(scored);
        effective(correction);
        boolean changed = !before.equals(verdict());
        if (changed) {
            revision++;
        }
        scoredAt = at;
        scoredEventId = scoredEventId(mentionId, modelVersion, revision);
        return changed;
    }

    /**
     * Makes an analyst's correction (or, with null, the model's verdict again) the effective
     * verdict; the revision, time and event id change only when the effective verdict did.
     *
     * @return whether the effective verdict changed
     */
    public boolean correct(MentionCorrection.Corrected correction, Instant at) {
        var before = verdict();
        effective(correction);
        if (before.equals(verdict())) {
            return false;
        }
        revision++;
        scoredAt = at;
        scoredEventId = scoredEventId(mentionId, modelVersion, revision);
        return true;
    }

    /** What MentionScored says of the mention besides its identity: compared to detect changes. */
    record Verdict(
            SentimentLabel label,
            double score,
            boolean uncertain,
            boolean corrected,
            List<String> aspects) {}

    Verdict verdict() {
        return new Verdict(
                label,
                score,
                uncertain,
                corrected,
                aspects.stream().map(a -> a.aspect + ":" + a.label + ":" + a.score).toList());
    }

    private void model(ScoredText scored) {
        var sentiment = scored.sentiment();
        modelScore = sentiment.score();
        modelLabel = sentiment.label();
        modelUncertain = sentiment.uncertain();
        modelVersion = sentiment.modelVersion();
        aspects.clear();
        scored.aspects().stream()
                .sorted(java.util.Comparator.comparing(AspectSentiment::aspect))
                .map(MentionAspect::from)
                .forEach(aspects::add);
    }

    /**
     * Derives the effective label, score, uncertainty and aspects from the model's and a
     * correction.
     */
    private void effective(MentionCorrection.Corrected correction) {
        var byAspect = new TreeMap<String, MentionAspect>();
        for (var a : aspects) {
            if (a.modelLabel != null) {
                var copy = new MentionAspect();
                copy.aspect = a.aspect;
                copy.modelLabel = a.modelLabel;
                copy.modelScore = a.modelScore;
                copy.label = a.modelLabel;
                copy.score = a.modelScore;
                byAspect.put(a.aspect, copy);
            }
        }
        if (correction == null) {
            label = modelLabel;
            score = modelScore;
            uncertain = modelUncertain;
            corrected = false;
        } else {
            label = correction.label();
            score = MentionCorrection.Corrected.score(correction.label(), modelLabel, modelScore);
            // An analyst's label is not weak evidence.
            uncertain = false;
            corrected = true;
            correction
                    .aspects()
                    .forEach(
                            (aspect, aspectLabel) -> {
                                var row =
                                        byAspect.computeIfAbsent(
                                                aspect,
                                                name -> {
                                                    var added = new MentionAspect();
                                                    added.aspect = name;
                                                    return added;
                                                });
                                row.label = aspectLabel;
                                row.score =
                                        MentionCorrection.Corrected.score(
                                                aspectLabel,
                                                row.modelLabel,
                                                row.modelScore == null ? 0 : row.modelScore);
                            });
        }
        aspects.clear();
        aspects.addAll(byAspect.values());
    }

    /**
     * The MentionScored event id of revision 0: the same for every publication of one mention by
     * one model, so that consumers drop re-publications as duplicates.
     */
    public static UUID scoredEventId(UUID mentionId, String modelVersion) {
        return UUID.nameUUIDFromBytes(
                (mentionId + "|" + modelVersion).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The MentionScored event id of a revision: revision 0 keeps the derivation from mention and
     * model alone, so ids published before revisions existed stay the same.
     */
    public static UUID scoredEventId(UUID mentionId, String modelVersion, int revision) {
        if (revision == 0) {
            return scoredEventId(mentionId, modelVersion);
        }
        return UUID.nameUUIDFromBytes(
                (mentionId + "|" + modelVersion + "|" + revision).getBytes(StandardCharsets.UTF_8));
    }
}
