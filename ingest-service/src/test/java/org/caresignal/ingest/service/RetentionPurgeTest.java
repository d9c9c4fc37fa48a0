package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.caresignal.ingest.domain.DataClass;
import org.caresignal.ingest.support.Erasures;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.Management;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.api.Test;

/**
 * The retention purge with a clock the test moves: past the text retention a mention keeps its row
 * without its identifiers and a quarantined MentionIngested is gone; past the mention retention the
 * row goes; erasures go after theirs while the erased identities stay, and the post is still
 * refused; audit rows younger than six years (by the database's clock) survive any clock, older
 * ones are purged, and the database itself refuses deleting a young one.
 */
@QuarkusTest
class RetentionPurgeTest extends TestStack {

    @Inject RetentionPurge purge;
    @Inject EntityManager em;

    @Test
    void eachClassIsPurgedAtItsOwnAgeAndErasedIdentitiesStay() {
        var brand = Mentions.uniqueBrand();
        var kept = Mentions.valid(brand);
        var mentionId = accept(kept);
        var erasedPost = Mentions.valid(brand);
        accept(erasedPost);
        Erasures.post(Erasures.byPost("webhook", (String) erasedPost.get("externalId")))
                .statusCode(202);
        long quarantined = quarantinedMention();
        long auditRows = count("select count(*) from audit_event");
        long identities = count("select count(*) from erased_identity");
        var now = Instant.now();

        // Within every retention: nothing of this test's rows goes.
        at(now.plus(Duration.ofDays(1)));
        purge.purge();
        assertThat(column("external_id", mentionId)).isEqualTo(kept.get("externalId"));

        at(now.plus(Duration.ofDays(91)));
        var purged = purge.purge();
        assertThat(purged.get(DataClass.TEXT)).isGreaterThanOrEqualTo(3);
        assertThat(column("external_id", mentionId)).isNull();
        assertThat(column("url_hash", mentionId)).isNull();
        assertThat(column("text_purged_at", mentionId)).isNotNull();
        assertThat(count("select count(*) from outbox_event where outbox_id = " + quarantined))
                .isZero();
        assertThat(Management.metrics())
                .containsPattern("caresignal_retention_purged_total\\{data_class=\"TEXT\"\\} [1-9]")
                .contains("caresignal_retention_oldest_seconds{data_class=\"TEXT\"}");

        at(now.plus(Duration.ofDays(731)));
        purge.purge();
        assertThat(count("select count(*) from ingested_mention where brand_id = '" + brand + "'"))
                .isZero();
        assertThat(count("select count(*) from erasure")).isPositive();

        at(now.plus(Duration.ofDays(7 * 366)));
        purge.purge();
        assertThat(count("select count(*) from erasure")).isZero();
        assertThat(count("select count(*) from erasure_confirmation")).isZero();
        assertThat(count("select count(*) from erased_identity")).isEqualTo(identities);
        // Seven years on by our clock, but not by the database's: the audit rows stay.
        assertThat(count("select count(*) from audit_event")).isGreaterThanOrEqualTo(auditRows);

        // Erased long ago, still refused.
        Integrations.webhook().body(erasedPost).post("/api/mentions").then().statusCode(409);
    }

    @Test
    void auditRowsOlderThanSixYearsArePurgedAndTheDatabaseRefusesDeletingYoungerOnes() {
        var old = "retention-" + UUID.randomUUID();
        var young = "retention-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                em.createNativeQuery(
                                                "insert into audit_event (occurred_at, subject,"
                                                        + " username, action) values (now() -"
                                                        + " interval '6 years 1 day', ?1, ?1,"
                                                        + " 'test.old'), (now() - interval '5"
                                                        + " years 364 days', ?2, ?2,"
                                                        + " 'test.young')")
                                        .setParameter(1, old)
                                        .setParameter(2, young)
                                        .executeUpdate());
        at(Instant.now());
        purge.purge();
        assertThat(count("select count(*) from audit_event where subject = '" + old + "'"))
                .isZero();
        assertThat(count("select count(*) from audit_event where subject = '" + young + "'"))
                .isOne();

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        em.createNativeQuery(
                                                                        "delete from audit_event")
                                                                .executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        em.createNativeQuery(
                                                                        "update audit_event set"
                                                                                + " detail = 'x'")
                                                                .executeUpdate()))
                .hasStackTraceContaining("append-only");
    }

    private static void at(Instant instant) {
        QuarkusMock.installMockForType(Clock.fixed(instant, ZoneOffset.UTC), Clock.class);
    }

    private static String accept(java.util.Map<String, Object> mention) {
        return Integrations.webhook()
                .body(mention)
                .post("/api/mentions")
                .then()
                .statusCode(202)
                .extract()
                .path("mentionId");
    }

    /** A quarantined MentionIngested event (it holds post text). */
    private long quarantinedMention() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                ((Number)
                                                em.createNativeQuery(
                                                                "insert into outbox_event"
                                                                        + " (event_id, topic,"
                                                                        + " record_key, payload,"
                                                                        + " created_at, attempts,"
                                                                        + " quarantined_at) values"
                                                                        + " (?1,"
                                                                        + " 'mentions.ingested.v1',"
                                                                        + " 'k', '{}', now(), 3,"
                                                                        + " now()) returning"
                                                                        + " outbox_id")
                                                        .setParameter(1, UUID.randomUUID())
                                                        .getSingleResult())
                                        .longValue());
    }

    private Object column(String column, String mentionId) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                em.createNativeQuery(
                                                "select "
                                                        + column
                                                        + " from ingested_mention where mention_id"
                                                        + " = ?1")
                                        .setParameter(1, UUID.fromString(mentionId))
                                        .getSingleResult());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
