package org.caresignal.sentiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The sentiment service's own settings, under {@code caresignal.sentiment}. */
@ConfigMapping(prefix = "caresignal.sentiment")
public interface SentimentConfig {

    /**
     * Sentences with more tokens than this are not parsed (a long run-on "sentence" costs far more
     * than it tells) and get a flat tree instead.
     */
    @WithDefault("50")
    int parseMaxLength();

    /** Longer posts are cut at a word boundary before scoring. */
    @WithDefault("1000")
    int maxChars();

    /** How many distinct texts the scorer remembers (reposts are common). */
    @WithDefault("10000")
    int cacheSize();

    /**
     * A file of {@code aspect<TAB>phrase|phrase...} lines replacing the built-in aspect lexicon.
     */
    Optional<String> aspectsFile();

    /** Re-scoring reads and rewrites stored mentions in batches of this size. */
    @WithDefault("200")
    int rescoreBatchSize();
}
