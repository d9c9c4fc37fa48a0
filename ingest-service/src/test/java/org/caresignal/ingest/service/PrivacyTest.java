package org.caresignal.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.caresignal.ingest.support.PrivacyCases;
import org.junit.jupiter.api.Test;

/** None of the redaction table's identifiers reaches Kafka or the database. */
@QuarkusTest
class PrivacyTest {

    @Inject MentionIntakeService intake;
    @Inject EntityManager em;

    @Test
    void noIdentifierOfTheTableReachesKafka() {
        var brand = Mentions.uniqueBrand();
        var ids = new ArrayList<String>();
        for (var c : PrivacyCases.IDENTIFIERS) {
            var body = Mentions.valid(brand);
            body.put("text", "Mercy General: " + c.sentence());
            ids.add(
                    Integrations.webhook()
                            .body(body)
                            .post("/api/mentions")
                            .then()
                            .statusCode(202)
                            .extract()
                            .path("mentionId"));
        }
        var last = ids.get(ids.size() - 1);
        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> r.value().contains(last));
        assertThat(records).hasSize(PrivacyCases.IDENTIFIERS.size());
        var all = String.join("\n", records.stream().map(r -> r.value()).toList());
        for (var c : PrivacyCases.IDENTIFIERS) {
            assertThat(all).doesNotContain(c.identifier());
        }
        assertThat(all)
                .contains(
                        "[PHONE]", "[EMAIL]", "[MRN]", "[ACCOUNT]", "[SSN]", "[DOB]", "[ADDRESS]");
    }

    @Test
    void noIdentifierOfTheTableIsStoredNotEvenInTheOutboxBeforeTheRelaySendsIt() {
        var brand = Mentions.uniqueBrand();
        // Inside one transaction the relay cannot see (and delete) the new outbox rows yet.
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (var c : PrivacyCases.IDENTIFIERS) {
                                intake.accept(
                                        new NewMention(
                                                brand,
                                                null,
                                                "webhook",
                                                "privacy-" + UUID.randomUUID(),
                                                null,
                                                "Mercy General: " + c.sentence(),
                                                null,
                                                "@patient.zero",
                                                "Jane Patient"));
                            }
                            var stored = everyRowAsText();
                            assertThat(stored).contains(brand, "[PHONE]", "[EMAIL]", "[MRN]");
                            assertNothingPrivate(stored);
                        });
        assertNothingPrivate(everyRowAsText());
    }

    private static void assertNothingPrivate(String stored) {
        for (var c : PrivacyCases.IDENTIFIERS) {
            assertThat(stored).doesNotContain(c.identifier());
        }
        assertThat(stored).doesNotContain("patient.zero").doesNotContain("Jane Patient");
    }

    @SuppressWarnings("unchecked")
    private String everyRowAsText() {
        return QuarkusTransaction.joiningExisting()
                .call(
                        () -> {
                            List<String> tables =
                                    em.createNativeQuery(
                                                    "select table_name from information_schema.tables"
                                                            + " where table_schema = 'public' and"
                                                            + " table_type = 'BASE TABLE'")
                                            .getResultList();
                            assertThat(tables).contains("outbox_event", "ingested_mention");
                            var out = new StringBuilder();
                            for (var table : tables) {
                                List<String> rows =
                                        em.createNativeQuery(
                                                        "select t::text from \"" + table + "\" t")
                                                .getResultList();
                                rows.forEach(r -> out.append(r).append('\n'));
                            }
                            return out.toString();
                        });
    }
}
