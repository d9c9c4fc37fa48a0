package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.repository.ConnectorLeaseRepository;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connector leases on the real PostgreSQL, with two (or more) instances simulated by {@link
 * ConnectorLeases} objects of different owner ids on the same database and short leases: each
 * connector owned once, a fair share each, takeover after expiry, hand-over at shutdown, and the
 * fencing that refuses an expired owner's cursor.
 */
@QuarkusTest
class ConnectorLeasesTest extends TestStack {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofSeconds(3);

    @Inject ConnectorLeaseRepository repository;
    @Inject SourceConnectorRepository connectors;
    @Inject SourcePostIntake intake;

    private final List<ConnectorLeases> instances = new ArrayList<>();

    @AfterEach
    void shutDownInstances() {
        instances.forEach(ConnectorLeases::releaseAll);
    }

    private ConnectorLeases instance(String name, Duration lease) {
        var i = new ConnectorLeases(repository, SourceFixtures.unique(name + "-"), lease);
        instances.add(i);
        return i;
    }

    /** Mastodon connectors of a new brand (never polled here: only their leases matter). */
    private static List<String> connectors(int n) {
        var tag = SourceFixtures.unique("Lease");
        var brand = SourceFixtures.unique("lease-");
        SourceFixtures.brandWatching(brand, tag);
        var ids = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            var id = SourceFixtures.unique("lease-" + i + "-");
            SourceFixtures.connector(id, "mastodon", brand, "https://mastodon.example", tag, null);
            ids.add(id);
        }
        return ids;
    }

    private List<String> ownedBy(ConnectorLeases by, List<String> ids) {
        var owners = by.owners();
        return ids.stream().filter(id -> by.instanceId().equals(owners.get(id))).toList();
    }

    private String cursor(String id) {
        return QuarkusTransaction.requiringNew().call(() -> connectors.findById(id).cursor);
    }

    /** Commits an empty page (only the cursor is written) as {@code by}; the stored cursor. */
    private String commit(ConnectorLeases by, String id, String cursor) {
        by.fenced(id, () -> intake.commit(id, SourceKind.MASTODON, List.of(), cursor));
        return cursor(id);
    }

    @Test
    void eachConnectorIsOwnedOnceAndAnInstanceComingUpGetsItsFairShare() {
        var ids = connectors(4);
        var a = instance("a", LONG);
        var b = instance("b", LONG);

        // a starts alone and takes everything.
        assertThat(a.heartbeat(ids).won()).containsExactlyInAnyOrderElementsOf(ids);
        // b comes up: nothing is free, but a now sees two instances...
        assertThat(b.heartbeat(ids).won()).isEmpty();
        // ...and gives back what is above its share, which b takes on its next heartbeat.
        assertThat(a.heartbeat(ids).lost()).hasSize(2);
        assertThat(b.heartbeat(ids).won()).hasSize(2);

        assertThat(a.owned()).hasSize(2).doesNotContainAnyElementsOf(b.owned());
        assertThat(ownedBy(a, ids)).containsExactlyInAnyOrderElementsOf(a.owned());
        assertThat(ownedBy(b, ids)).containsExactlyInAnyOrderElementsOf(b.owned());
        assertThat(a.owners()).containsKeys(ids.toArray(String[]::new));
        // Stable: more heartbeats change nothing.
        assertThat(a.heartbeat(ids).isEmpty()).isTrue();
        assertThat(b.heartbeat(ids).isEmpty()).isTrue();
    }

    @Test
    void instancesHeartbeatingTogetherNeverOwnTheSameConnector() throws Exception {
        var ids = connectors(5);
        var a = instance("a", LONG);
        var b = instance("b", LONG);
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                var fa = CompletableFuture.supplyAsync(() -> a.heartbeat(ids), pool);
                var fb = CompletableFuture.supplyAsync(() -> b.heartbeat(ids), pool);
                CompletableFuture.allOf(fa, fb).get();
                // An intersection, not doesNotContainAnyElementsOf: that one throws when b has not
                // won anything yet (a round where a's heartbeat took everything first).
                var both = new HashSet<>(a.owned());
                both.retainAll(b.owned());
                assertThat(both).isEmpty();
            }
        } finally {
            pool.shutdown();
        }
        var all = new HashSet<>(a.owned());
        all.addAll(b.owned());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(a.owned().size()).isBetween(2, 3);
        assertThat(b.owned().size()).isBetween(2, 3);
    }

    @Test
    void theConnectorsOfAnInstanceThatStoppedRenewingAreTakenOverAfterExpiry() {
        var ids = connectors(3);
        var a = instance("a", SHORT);
        var b = instance("b", SHORT);
        a.heartbeat(ids);
        assertThat(b.heartbeat(ids).won()).isEmpty();

        // a is paused (no more heartbeats): once its leases and its heartbeat run out, b is the
        // only live instance and takes all.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> b.heartbeat(ids) != null && b.owned().containsAll(ids));

        assertThat(ownedBy(b, ids)).containsExactlyInAnyOrderElementsOf(ids);
        // a, back, learns it lost them.
        assertThat(a.heartbeat(ids).lost()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(a.owned()).isEmpty();
    }

    @Test
    void anInstanceShuttingDownHandsItsConnectorsOverAtOnce() {
        var ids = connectors(3);
        var a = instance("a", LONG);
        var b = instance("b", LONG);
        a.heartbeat(ids);
        assertThat(b.heartbeat(ids).won()).isEmpty();

        assertThat(a.releaseAll()).containsExactlyInAnyOrderElementsOf(ids);

        // No waiting for expiry: the very next heartbeat of b takes them all.
        assertThat(b.heartbeat(ids).won()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ownedBy(b, ids)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void anExpiredOwnerCannotOverwriteTheCursorOfTheNewOwner() {
        var id = connectors(1).get(0);
        var a = instance("a", SHORT);
        var b = instance("b", LONG);
        assertThat(a.acquire(id)).isTrue();
        assertThat(b.acquire(id)).isFalse();
        assertThat(commit(a, id, "a-1")).isEqualTo("a-1");

        // a is paused past its lease: even before anyone takes the connector, its commit is
        // refused, and nothing of it is written.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !a.owners().containsKey(id));
        assertThatThrownBy(() -> commit(a, id, "a-2")).isInstanceOf(LeaseLostException.class);
        assertThat(cursor(id)).isEqualTo("a-1");
        assertThat(a.owns(id)).isFalse();

        assertThat(b.acquire(id)).isTrue();
        assertThat(commit(b, id, "b-1")).isEqualTo("b-1");
        assertThatThrownBy(() -> commit(a, id, "a-3")).isInstanceOf(LeaseLostException.class);
        assertThat(cursor(id)).isEqualTo("b-1");
    }

    @Test
    void theSourcesApiShowsTheOwnerAndRefusesToPollAConnectorAnotherInstanceOwns() {
        var id = connectors(1).get(0);
        var other = instance("other", LONG);
        assertThat(other.acquire(id)).isTrue();

        Api.asViewer()
                .get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("owner", equalTo(other.instanceId()));
        Api.asViewer()
                .get("/api/sources")
                .then()
                .statusCode(200)
                .body("owner", hasItem(other.instanceId()));
        Api.asAdmin()
                .post("/api/sources/" + id + "/poll")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("source " + id + " is polled by instance " + other.instanceId()));
    }
}
