package org.caresignal.sentiment.domain;

import java.util.List;

/** The production scorer's verdict on a post: its sentiment and that of each aspect it mentions. */
public record ScoredText(Sentiment sentiment, List<AspectSentiment> aspects) {

    public ScoredText {
        aspects = List.copyOf(aspects);
    }
}
