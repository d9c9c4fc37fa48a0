package org.caresignal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

@QuarkusIntegrationTest
class MentionIngestIT {

    @Test
    void thePackagedServicePublishesAcceptedMentionsToTheRealBroker() {
        var brand = Mentions.uniqueBrand();
        String mentionId =
                Integrations.webhook()
                        .body(Mentions.valid(brand))
                        .post("/api/mentions")
                        .then()
                        .statusCode(202)
                        .extract()
                        .path("mentionId");

        var records =
                KafkaTestClient.readUntil(
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> r.value().contains(mentionId));
        assertThat(records)
                .singleElement()
                .satisfies(r -> assertThat(r.value()).contains(mentionId));
    }
}
