package org.caresignal.sentiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The sentiment service's own settings, under {@code caresignal.sentiment}. */
@ConfigMapping(prefix = "caresignal.sentiment")
public interface SentimentConfig {

    /**
     * The most tokens the parser is given at once (its cost grows with sentence length): longer
     * sentences are cut into pieces of at most this many tokens, at punctuation or a conjunction
     * where one is near, and every piece is parsed.
     */
    @WithDefault("50")
    int parseMaxLength();

    /**
     * Longer posts are cut at a word boundary before scoring: a guard against pathological input
     * only, far above real reviews (which are scored whole).
     */
    @WithDefault("20000")
    int maxChars();

    /**
     * The most tokens parsed per post (about 7,000 characters of prose); the sentences past it
     * count through their words only, so one pathological post cannot hold a scoring thread.
     */
    @WithDefault("1500")
    int parseBudget();

    /** How many distinct texts the scorer remembers (reposts are common). */
    @WithDefault("10000")
    int cacheSize();

    /**
     * A file of {@code aspect<TAB>phrase|phrase...} lines replacing the built-in aspect lexicon.
     */
    Optional<String> aspectsFile();

    /**
     * How many posts are scored at once (the model is CPU-bound: one per core); the consumer's
     * other threads meanwhile wait on the database and the broker.
     */
    @WithDefault("2")
    int scoringThreads();

    /** The most scored mentions stored in one transaction. */
    @WithDefault("250")
    int storeBatchSize();

    /**
     * How long a store batch not yet full waits for more scored mentions after its first: a few
     * milliseconds of latency for a transaction shared by several mentions.
     */
    @WithDefault("50ms")
    Duration storeLinger();

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
