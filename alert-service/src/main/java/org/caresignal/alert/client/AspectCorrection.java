package org.caresignal.alert.client;

import org.caresignal.alert.domain.SentimentLabel;

/** An analyst's label for one aspect of a mention, sent with a correction. */
public record AspectCorrection(String aspect, SentimentLabel label) {}
