package org.caresignal.sentiment.domain;

/**
 * What a scorer says about one text: a label, a score in [-1, 1], whether the evidence for the
 * label is weak, and the model that said it.
 */
public record Sentiment(
        SentimentLabel label, double score, boolean uncertain, String modelVersion) {

    public Sentiment {
        if (Double.isNaN(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("score must be in [-1, 1]: " + score);
        }
    }
}
