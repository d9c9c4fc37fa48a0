package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caresignal.sentiment.config.SentimentConfig;
import org.caresignal.sentiment.domain.AspectTagger;
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
        var limits =
                new SentimentScorer.Limits(
                        config.maxChars(),
                        config.parseMaxLength(),
                        config.cacheSize(),
                        config.parseBudget());
        var scorer =
                config.aspectsFile()
                        .map(file -> SentimentScorer.load(limits, readAspects(Path.of(file))))
                        .orElseGet(() -> SentimentScorer.load(limits));
        Log.infof(
                "Sentiment model %s loaded in %d ms",
                scorer.modelVersion(), (System.nanoTime() - start) / 1_000_000);
        return scorer;
    }

    private static AspectTagger readAspects(Path file) {
        try (var in = Files.newInputStream(file)) {
            return AspectTagger.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the aspect lexicon " + file, e);
        }
    }
}
