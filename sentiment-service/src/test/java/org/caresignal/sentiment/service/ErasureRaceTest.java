package org.caresignal.sentiment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caresignal.sentiment.domain.ScoredText;
import org.caresignal.sentiment.domain.Sentiment;
import org.caresignal.sentiment.domain.SentimentLabel;
import org.caresignal.sentiment.domain.StockSentimentScorer;
import org.caresignal.sentiment.event.MentionIngested;
import org.caresignal.sentiment.repository.ErasureRepository;
import org.caresignal.sentiment.repository.ScoredMentionRepository;
import org.caresignal.sentiment.support.Mentions;
import org.junit.jupiter.api.Test;

/**
 * A mention stored while an erasure of it is committing does not keep its text: the store waits for
 * the erasure's transaction and then sees its tombstone.
 */
@QuarkusTest
class ErasureRaceTest {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject ScoredMentionService store;
    @Inject ErasureRepository erasures;
    @Inject ScoredMentionRepository repository;

    @Test
    void aStoreDuringAnUncommittedErasureWaitsAndThenStoresNothing() throws Exception {
        var mentionId = UUID.randomUUID();
        var mention =
                JSON.readValue(Mentions.ingested(mentionId).toString(), MentionIngested.class);
        var verdict =
                new ScoredText(
                        new Sentiment(
                                SentimentLabel.NEGATIVE,
                                -0.5,
                                false,
                                StockSentimentScorer.MODEL_VERSION),
                        List.of());
        var erasureHoldsLock = new CountDownLatch(1);
        var releaseErasure = new CountDownLatch(1);

        var erasure =
                CompletableFuture.runAsync(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () -> {
                                                    erasures.lockExclusively();
                                                    erasures.addTombstones(
                                                            List.of(mentionId), Instant.now());
                                                    erasureHoldsLock.countDown();
                                                    awaitRelease(releaseErasure);
                                                }));
        assertThat(erasureHoldsLock.await(30, TimeUnit.SECONDS)).isTrue();
        var stored =
                CompletableFuture.supplyAsync(
                        () -> store.storeIfAbsent(mention, verdict, Instant.now()));

        // Without the lock the store would have checked for the uncommitted tombstone, found
        // none and inserted the text by now.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !stored.isDone());
        releaseErasure.countDown();
        erasure.get(30, TimeUnit.SECONDS);

        assertThat(stored.get(30, TimeUnit.SECONDS).erased()).isTrue();
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(() -> repository.count("mentionId", mentionId)))
                .isZero();
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the erasure");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
