package org.caresignal.alert.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

/**
 * The counting batch's native queries reuse their query plan. Hibernate never finds again the plan
 * of a native query given a basic result class (UUID.class...): each call then plans anew and adds
 * an entry to the bounded plan cache, whose colliding entries every later call compares against,
 * and which pushes out the plans of other queries. Under load that cost a third of this service's
 * CPU.
 */
@QuarkusTest
class QueryPlanCacheTest {

    private static final int ROUNDS = 20;

    @Inject EntityManager entityManager;
    @Inject CountedMentionRepository countedMentions;

    @Test
    void theErasureCheckOfEachBatchIsNotPlannedAgain() {
        erasedAmongTwoFreshIds(); // plans the query once
        int before = cachedPlans();

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(erasedAmongTwoFreshIds()).isEmpty();
        }

        // A little slack for the service's own scheduled work, far below one plan per call.
        assertThat(cachedPlans() - before).isLessThan(3);
    }

    private Set<UUID> erasedAmongTwoFreshIds() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                countedMentions.erasedAmong(
                                        List.of(UUID.randomUUID(), UUID.randomUUID())));
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
