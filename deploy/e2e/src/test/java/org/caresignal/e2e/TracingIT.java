package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace from ingest-service's acceptance of a webhook post to alert-service's consumption of
 * its score: the trace context crosses ingest's outbox and both topics in the records' {@code
 * traceparent} header, and every service exports spans of that trace (tracing is switched on with
 * {@code CARESIGNAL_TRACING=on} in this run, exported to an in-test OTLP receiver).
 */
class TracingIT {

    @Test
    void aWebhookPostIsOneTraceFromIngestToAlert() throws Exception {
        var e2e = E2eSystem.shared();
        var kafka = new Kafka(e2e.stack.kafkaBootstrapServers());
        var brand = Incidents.uniqueBrand("trace");
        var mentionId =
                e2e.api.postMention(
                        brand,
                        "post-" + UUID.randomUUID(),
                        "The discharge nurse explained everything twice.",
                        Instant.now());

        var ingested = kafka.awaitRecordContaining("mentions.ingested.v1", mentionId);
        assertThat(ingested).as("MentionIngested of " + mentionId).isNotNull();
        var traceId = traceId(ingested);

        var scored = kafka.awaitRecordContaining("mentions.scored.v1", mentionId);
        assertThat(scored).as("MentionScored of " + mentionId).isNotNull();
        assertThat(traceId(scored)).as("the trace MentionScored carries").isEqualTo(traceId);

        // The trace starts at the webhook request (ingest's server span) and ends with alert's
        // consumer span; spans are exported in batches every few seconds.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            assertThat(e2e.traces.exported("ingest-service", traceId))
                                    .as("ingest-service exported spans of " + traceId)
                                    .isTrue();
                            assertThat(e2e.traces.exported("sentiment-service", traceId))
                                    .as("sentiment-service exported spans of " + traceId)
                                    .isTrue();
                            assertThat(e2e.traces.exported("alert-service", traceId))
                                    .as("alert-service exported spans of " + traceId)
                                    .isTrue();
                        });
    }

    /** The trace id of a record's W3C {@code traceparent} header. */
    private static String traceId(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header on " + record.topic()).isNotNull();
        var value = new String(header.value(), StandardCharsets.UTF_8);
        assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        var traceId = value.substring(3, 35);
        assertThat(traceId).isNotEqualTo("0".repeat(32));
        return traceId;
    }
}
