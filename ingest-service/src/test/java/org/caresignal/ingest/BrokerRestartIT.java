package org.caresignal.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.caresignal.ingest.support.DedicatedBroker;
import org.caresignal.ingest.support.Integrations;
import org.caresignal.ingest.support.KafkaTestClient;
import org.caresignal.ingest.support.ManagementPort;
import org.caresignal.ingest.support.Mentions;
import org.junit.jupiter.api.Test;

/** Mentions accepted before, during and after a broker outage all arrive, each exactly once. */
@QuarkusIntegrationTest
@WithTestResource(DedicatedBroker.class)
class BrokerRestartIT {

    private static final int PER_PHASE = 20;

    @Test
    void everyMentionAcceptedAcrossABrokerRestartArrivesExactlyOnce() {
        var brand = Mentions.uniqueBrand();
        var accepted = new ArrayList<String>();

        accepted.addAll(submit(brand, PER_PHASE));
        var before = accepted.get(accepted.size() - 1);
        KafkaTestClient.readUntil(
                DedicatedBroker.bootstrapServers(),
                "mentions.ingested.v1",
                r -> true,
                r -> r.value().contains(before));

        DedicatedBroker.stopBroker();
        accepted.addAll(submit(brand, PER_PHASE));
        // The relay has tried and failed at least once while the broker was away.
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                given().baseUri(ManagementPort.baseUri())
                                                .get("/q/health/ready")
                                                .then()
                                                .extract()
                                                .<Integer>path(
                                                        "checks.find { it.name == 'Kafka outbox relay' }.data.consecutiveFailures")
                                        > 0);
        DedicatedBroker.startBroker();
        accepted.addAll(submit(brand, PER_PHASE));

        var expected = new HashSet<>(accepted);
        var seen = new HashSet<String>();
        var records =
                KafkaTestClient.readUntil(
                        DedicatedBroker.bootstrapServers(),
                        "mentions.ingested.v1",
                        r -> brand.equals(r.key()),
                        r -> {
                            expected.stream().filter(r.value()::contains).forEach(seen::add);
                            return seen.containsAll(expected);
                        });
        var perMention =
                records.stream()
                        .map(
                                r ->
                                        accepted.stream()
                                                .filter(r.value()::contains)
                                                .findFirst()
                                                .orElse("?"))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perMention.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(perMention.values()).allMatch(n -> n == 1);
    }

    private static List<String> submit(String brand, int n) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            ids.add(
                    Integrations.webhook()
                            .body(Mentions.valid(brand))
                            .post("/api/mentions")
                            .then()
                            .statusCode(202)
                            .extract()
                            .path("mentionId"));
        }
        return ids;
    }
}
