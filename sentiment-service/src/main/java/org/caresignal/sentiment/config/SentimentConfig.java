package org.caresignal.sentiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

    /**
     * How long a brand's phrase rules are read from memory before the database is asked again: the
     * longest a rule changed on another instance takes to apply here.
     */
    @WithDefault("30s")
    Duration phraseRulesTtl();

    /** How long each class of data is kept (docs/privacy.md, section Retention). */
    Retention retention();

    /** Retention per data class; ages count from a mention's publication time. */
    interface Retention {

        /** Post text, URL and external id: blanked past this age, the row stays. */
        @WithDefault("P90D")
        Duration text();

        /** Whole scored mentions (verdict, aspects) and erased-mention tombstones: deleted. */
        @WithDefault("P730D")
        Duration mentions();

        /** Audit rows: deleted past this age, never before six years (the table refuses). */
        @WithDefault("P2190D")
        Duration audit();

        /**
         * The purge's interval ({@code 15m}, {@code 1h}; {@code off} stops it, e.g. in tests that
         * run it themselves).
         */
        @WithDefault("15m")
        String purgeEvery();

        /** Rows blanked or deleted per transaction. */
        @WithDefault("500")
        int batchSize();
    }
}
