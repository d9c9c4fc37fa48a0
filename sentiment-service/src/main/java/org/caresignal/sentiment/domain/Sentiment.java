package org.caresignal.sentiment.domain;

/** What the scorer says about one text: a label, a score in [-1, 1] and the model that said it. */
public record Sentiment(SentimentLabel label, double score, String modelVersion) {}
