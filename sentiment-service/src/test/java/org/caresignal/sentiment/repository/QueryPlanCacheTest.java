package org.caresignal.sentiment.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.DataClass;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

/**
 * The per-mention and per-batch native queries reuse their query plan. Hibernate never finds again
 * the plan of a native query given a basic result class (UUID.class, Long.class...): each call then
 * plans anew and adds an entry to the bounded plan cache, whose colliding entries every later call
 * compares against, and which pushes out the plans of other queries. Under load that cost a third
 * of alert-service's CPU.
 */
@QuarkusTest
class QueryPlanCacheTest {

    private static final int ROUNDS = 20;

    @Inject EntityManager entityManager;
    @Inject ErasureRepository erasures;
    @Inject ScoredMentionRepository mentions;
    @Inject RetentionRepository retention;

    @Test
    void hotNativeQueriesAreNotPlannedAgainOnEveryCall() {
        runHotQueries(); // plans each query once
        int before = cachedPlans();

        for (int round = 0; round < ROUNDS; round++) {
            runHotQueries();
        }

        // A little slack for the service's own scheduled work, far below one plan per call.
        assertThat(cachedPlans() - before).isLessThan(3);
    }

    @Test
    void theHotQueriesStillAnswer() {
        var erased = UUID.randomUUID();
        var kept = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> erasures.addTombstones(List.of(erased), Instant.now()));

        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            assertThat(erasures.isErased(erased)).isTrue();
                            assertThat(erasures.isErased(kept)).isFalse();
                            assertThat(erasures.erasedAmong(List.of(erased, kept)))
                                    .containsExactly(erased);
                        });
    }

    private void runHotQueries() {
        var ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            erasures.lockShared();
                            erasures.isErased(ids.get(0));
                            erasures.erasedAmong(ids);
                            mentions.lockReposts(ids.get(0));
                            mentions.lockReposts(ids);
                            mentions.findAllById(ids);
                            retention.oldest(DataClass.MENTIONS);
                        });
    }

    private int cachedPlans() {
        return entityManager
                .getEntityManagerFactory()
                .unwrap(SessionFactoryImplementor.class)
                .getQueryEngine()
                .getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
