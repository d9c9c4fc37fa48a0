package org.caresignal.sentiment.tools;

import java.util.function.Function;
import org.caresignal.sentiment.domain.AspectTagger;
import org.caresignal.sentiment.domain.SentenceAnalyzer;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.domain.StockSentimentScorer;

/** Builds the scorers the tools compare: the stock CoreNLP pipeline and the production scorer. */
final class Scorers {

    /**
     * The stock pipeline's sentence-length cap, as the service had it before the production one.
     */
    static final int STOCK_PARSE_MAX_LENGTH = 60;

    private Scorers() {}

    static Function<String, Sentiment> stock() {
        return new StockSentimentScorer(STOCK_PARSE_MAX_LENGTH)::score;
    }

    /** The service's production settings (see SentimentConfig). */
    static final SentimentScorer.Limits PRODUCTION_LIMITS =
            new SentimentScorer.Limits(
                    SentimentScorer.Limits.DEFAULT_MAX_CHARS,
                    50,
                    10_000,
                    SentimentScorer.Limits.DEFAULT_PARSE_BUDGET);

    static SentimentScorer productionScorer() {
        return SentimentScorer.load(PRODUCTION_LIMITS);
    }

    static Function<String, Sentiment> production() {
        var scorer = productionScorer();
        return text -> scorer.score(text).sentiment();
    }

    /** The production scorer with the PCFG parser instead of the shift-reduce one. */
    static Function<String, Sentiment> productionWithPcfg() {
        var scorer =
                SentimentScorer.load(
                        PRODUCTION_LIMITS,
                        AspectTagger.read(
                                SentimentScorer.class
                                        .getClassLoader()
                                        .getResourceAsStream(SentimentScorer.ASPECTS)),
                        SentenceAnalyzer.PCFG_PARSER);
        return text -> scorer.score(text).sentiment();
    }
}
