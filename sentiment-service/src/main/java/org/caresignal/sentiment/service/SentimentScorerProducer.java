package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.SentimentScorer;

/** Builds the one {@link SentimentScorer} of the application when it starts. */
@ApplicationScoped
public class SentimentScorerProducer {

    // At startup rather than on the first mention: loading the models takes seconds and a
    // missing model file should stop the service from starting, not dead-letter records.
    @Produces
    @Singleton
    @Startup
    SentimentScorer sentimentScorer(SentimentConfig config) {
        long start = System.nanoTime();
        var scorer = new SentimentScorer(config.parseMaxLength());
        Log.infof(
                "Sentiment model %s loaded in %d ms",
                SentimentScorer.MODEL_VERSION, (System.nanoTime() - start) / 1_000_000);
        return scorer;
    }
}
