package org.caresignal.sentiment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One aspect of a stored mention with its sentiment, a row of {@code mention_aspect}. */
@Embeddable
public class MentionAspect {

    @Column(name = "aspect", nullable = false)
    public String aspect;

    @Enumerated(EnumType.STRING)
    @Column(name = "label", nullable = false)
    public SentimentLabel label;

    @Column(name = "score", nullable = false)
    public double score;

    /** The model's label of this aspect; null when only an analyst's correction named it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "model_label")
    public SentimentLabel modelLabel;

    /** The model's score of this aspect; null as {@link #modelLabel}. */
    @Column(name = "model_score")
    public Double modelScore;

    public static MentionAspect from(AspectSentiment sentiment) {
        var aspect = new MentionAspect();
        aspect.aspect = sentiment.aspect();
        aspect.label = sentiment.label();
        aspect.score = sentiment.score();
        aspect.modelLabel = sentiment.label();
        aspect.modelScore = sentiment.score();
        return aspect;
    }
}
