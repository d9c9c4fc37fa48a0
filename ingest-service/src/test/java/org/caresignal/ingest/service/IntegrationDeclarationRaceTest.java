package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caresignal.ingest.domain.ApiKeys;
import org.caresignal.ingest.support.Integrations;
import org.junit.jupiter.api.Test;

/**
 * Two instances starting together on a fresh database both declare the configured integrations: the
 * later waits for the earlier's commit and finds them made. Before, both inserted and one failed
 * its start on the unique key (seen in two of five runs of TwoInstancesIT).
 */
@QuarkusTest
class IntegrationDeclarationRaceTest {

    @Inject IntegrationService service;
    @Inject AgroalDataSource dataSource;

    @Test
    void aSecondDeclarationDuringAnUncommittedFirstWaitsAndSucceeds() throws Exception {
        var keys = Map.of(Integrations.uniqueName(), ApiKeys.generate());
        var firstDeclared = new CountDownLatch(1);
        var commitFirst = new CountDownLatch(1);
        var first =
                CompletableFuture.runAsync(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () -> {
                                                    service.declare(keys);
                                                    firstDeclared.countDown();
                                                    awaitQuietly(commitFirst);
                                                }));
        assertThat(firstDeclared.await(30, TimeUnit.SECONDS)).isTrue();
        int waitingBefore = sessionsWaitingForALock();

        var second =
                CompletableFuture.runAsync(
                        () -> QuarkusTransaction.requiringNew().run(() -> service.declare(keys)));
        // The second is held (by the names' lock now, by the unique index before) until the first
        // commits: release the first only once it is.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sessionsWaitingForALock() > waitingBefore);
        commitFirst.countDown();

        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(activeIntegrationsNamed(keys.keySet().iterator().next())).isEqualTo(1);
    }

    private int sessionsWaitingForALock() throws SQLException {
        return count(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and datname = current_database()",
                null);
    }

    private int activeIntegrationsNamed(String name) throws SQLException {
        return count(
                "select count(*) from integration where name = ? and revoked_at is null", name);
    }

    private int count(String sql, String parameter) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
