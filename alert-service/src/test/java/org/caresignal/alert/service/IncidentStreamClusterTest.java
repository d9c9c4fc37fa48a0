package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.ChangeNotifications;
import org.caresignal.alert.support.AlertEvents;
import org.caresignal.alert.support.Api;
import org.caresignal.alert.support.Scenario;
import org.caresignal.alert.support.ScoredMentions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live stream across instances, against the real database: a second listener stands in for
 * another alert-service instance on the same database (it hears what this one announces), and
 * notices announced with another origin stand in for that instance's changes.
 */
@QuarkusTest
class IncidentStreamClusterTest {

    /** This database's sessions of this role: the embedded server hosts other tests' too. */
    private static final String MINE = " usename = current_user AND datname = current_database()";

    @Inject IncidentStream stream;
    @Inject ChangeNotifications notifications;
    @Inject EntityManager em;

    private final List<AlertEvent> streamed = new CopyOnWriteArrayList<>();
    private Cancellable subscription;

    @BeforeEach
    void subscribe() {
        await().atMost(Duration.ofSeconds(30)).until(stream::hearsOtherInstances);
        subscription = stream.changes().subscribe().with(streamed::add);
    }

    @AfterEach
    void cancel() {
        subscription.cancel();
    }

    @Test
    void aChangeCommittedHereReachesAnotherInstanceAndThisStreamOnlyOnce() {
        var brand = ScoredMentions.uniqueBrand();
        var heard = new CopyOnWriteArrayList<StreamNotice>();
        try (var other =
                notifications.listen(
                        p -> heard.add(StreamNotice.decode(AlertEvents.mapper(), p)))) {
            await().atMost(Duration.ofSeconds(30)).until(other::isListening);

            Scenario.criticalPost(brand, Scenario.T0.plusSeconds(30));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> heard.stream().anyMatch(n -> is(n.event(), brand, "RAISED")));
            var id = heard.get(0).event().incidentId();
            Api.asResponder()
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post("/api/incidents/" + id + "/acknowledge")
                    .then()
                    .statusCode(200);
            // Notices reach every listener in commit order: once the other instance heard the
            // acknowledgement and this stream showed it, this instance's own notice of the raise
            // has come back too, and must not have been streamed a second time.
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    heard.stream()
                                                    .anyMatch(
                                                            n ->
                                                                    is(
                                                                            n.event(),
                                                                            brand,
                                                                            "ACKNOWLEDGED"))
                                            && streamed.stream()
                                                    .anyMatch(e -> is(e, brand, "ACKNOWLEDGED")));
            assertThat(streamed.stream().filter(e -> brand.equals(e.brandId())))
                    .extracting(AlertEvent::change)
                    .containsExactly("RAISED", "ACKNOWLEDGED");
            assertThat(heard.stream().map(StreamNotice::origin).distinct()).hasSize(1);
            var raised = heard.stream().filter(n -> is(n.event(), brand, "RAISED")).findFirst();
            assertThat(raised.orElseThrow().event())
                    .isEqualTo(
                            streamed.stream()
                                    .filter(e -> is(e, brand, "RAISED"))
                                    .findFirst()
                                    .orElseThrow());
        }
    }

    @Test
    void anotherInstancesCommittedChangeIsStreamedHereAndARolledBackOneNever() {
        var rolledBack = AlertEvents.raised(ScoredMentions.uniqueBrand());
        var committed = AlertEvents.raised(ScoredMentions.uniqueBrand());
        var otherInstance = UUID.randomUUID();

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () -> {
                                                    notifications.announce(
                                                            notice(otherInstance, rolledBack));
                                                    throw new IllegalStateException("rolled back");
                                                }))
                .hasMessage("rolled back");
        QuarkusTransaction.requiringNew()
                .run(() -> notifications.announce(notice(otherInstance, committed)));

        // Delivered in commit order: had the rolled-back notice gone out, it would be here first.
        await().atMost(Duration.ofSeconds(30)).until(() -> streamed.contains(committed));
        assertThat(streamed).doesNotContain(rolledBack);
        assertThat(streamed.stream().filter(committed::equals)).hasSize(1);
    }

    @Test
    void theListenerListensAgainAfterItsConnectionIsCut() {
        var before = listenerPids();
        assertThat(before).isNotEmpty();

        var cut =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        em.createNativeQuery(
                                                        // OFFSET 0 keeps the filter ahead of
                                                        // the termination (sessions of other
                                                        // roles may not be signalled).
                                                        "SELECT count(pg_terminate_backend(pid))"
                                                                + " FROM (SELECT pid FROM"
                                                                + " pg_stat_activity WHERE"
                                                                + " application_name ="
                                                                + " 'alert-service incident"
                                                                + " listener' AND"
                                                                + MINE
                                                                + " OFFSET 0) listeners")
                                                .getSingleResult());
        assertThat(((Number) cut).intValue()).isPositive();

        var otherInstance = UUID.randomUUID();
        var sent = new CopyOnWriteArrayList<AlertEvent>();
        // What is announced while nobody listens is lost (PostgreSQL keeps nothing for absent
        // listeners): announce until one arrives through the new connection.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            var event = AlertEvents.raised(ScoredMentions.uniqueBrand());
                            sent.add(event);
                            QuarkusTransaction.requiringNew()
                                    .run(
                                            () ->
                                                    notifications.announce(
                                                            notice(otherInstance, event)));
                            return streamed.stream().anyMatch(sent::contains);
                        });
        assertThat(stream.hearsOtherInstances()).isTrue();
        assertThat(listenerPids()).isNotEmpty().doesNotContainAnyElementsOf(before);
    }

    @SuppressWarnings("unchecked")
    private List<Number> listenerPids() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                em.createNativeQuery(
                                                "SELECT pid FROM pg_stat_activity WHERE"
                                                        + " application_name = 'alert-service"
                                                        + " incident listener' AND"
                                                        + MINE)
                                        .getResultList());
    }

    private static String notice(UUID origin, AlertEvent event) {
        return new StreamNotice(origin, event)
                .encode(AlertEvents.mapper(), ChangeNotifications.MAX_PAYLOAD_BYTES)
                .orElseThrow();
    }

    private static boolean is(AlertEvent event, String brand, String change) {
        return brand.equals(event.brandId()) && change.equals(event.change());
    }
}
