package org.caresignal.sentiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sentiment service's own settings, under {@code caresignal.sentiment}. */
@ConfigMapping(prefix = "caresignal.sentiment")
public interface SentimentConfig {

    /**
     * Sentences with more tokens than this are not parsed (the parser's time grows with the cube of
     * the length) and get a flat tree instead.
     */
    @WithDefault("60")
    int parseMaxLength();
}
