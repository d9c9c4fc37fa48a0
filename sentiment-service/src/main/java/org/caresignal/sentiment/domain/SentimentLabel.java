package org.caresignal.sentiment.domain;

/** The three-way sentiment of a mention, as published in {@code MentionScored.label}. */
public enum SentimentLabel {
    NEGATIVE,
    NEUTRAL,
    POSITIVE
}
