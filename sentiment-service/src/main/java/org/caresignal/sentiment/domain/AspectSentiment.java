package org.caresignal.sentiment.domain;

/** One aspect of the healthcare taxonomy a post mentions, with the sentiment of those sentences. */
public record AspectSentiment(String aspect, SentimentLabel label, double score) {}
