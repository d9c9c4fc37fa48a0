package org.caresignal.ingest.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.OutboxEvent;

/**
 * Sends outbox events to Kafka with an idempotent producer (acks=all), keyed as stored (the brand
 * id), and says which ones the broker acknowledged.
 */
@ApplicationScoped
public class MentionIngestedPublisher {

    private static final TextMapGetter<Map<String, String>> STORED =
            new TextMapGetter<>() {
                @Override
                public Iterable<String> keys(Map<String, String> carrier) {
                    return carrier.keySet();
                }

                @Override
                public String get(Map<String, String> carrier, String key) {
                    return carrier == null ? null : carrier.get(key);
                }
            };
    private static final TextMapSetter<Headers> HEADERS =
            (headers, key, value) -> {
                headers.remove(key);
                headers.add(key, value.getBytes(StandardCharsets.UTF_8));
            };

    private final KafkaProducer<String, String> producer;
    private final Duration deliveryTimeout;
    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    public MentionIngestedPublisher(IngestConfig config, OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("org.caresignal.ingest.outbox");
        var bootstrapServers = config.outbox().bootstrapServers();
        this.deliveryTimeout = config.outbox().deliveryTimeout();
        int delivery = (int) deliveryTimeout.toMillis();
        var compression = config.outbox().compression();
        if (!List.of("none", "lz4", "gzip").contains(compression)) {
            throw new IllegalArgumentException(
                    "caresignal.ingest.outbox.compression must be none, lz4 or gzip, not "
                            + compression);
        }
        var settings = new HashMap<String, Object>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-outbox");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // The relay hands the producer a whole round at once, so the records are there to batch
        // without waiting; linger only delays the round's last produce request.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, config.outbox().producerBatchBytes());
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5000, delivery / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        // While the broker is unreachable, send() must not hold the relay.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        settings.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.producer =
                new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    /** Sends the events in order and waits; returns the outbox ids the broker acknowledged. */
    public Set<Long> send(List<OutboxEvent> events) {
        var futures = new ArrayList<Future<RecordMetadata>>();
        var spans = new ArrayList<Span>();
        try {
            sendAll(events, futures, spans);
            return acknowledged(events, futures);
        } finally {
            spans.forEach(Span::end);
        }
    }

    private void sendAll(
            List<OutboxEvent> events, List<Future<RecordMetadata>> futures, List<Span> spans) {
        for (var event : events) {
            var record = new ProducerRecord<>(event.topic, event.key, event.payload);
            var span = publishSpan(event);
            spans.add(span);
            telemetry
                    .getPropagators()
                    .getTextMapPropagator()
                    .inject(Context.root().with(span), record.headers(), HEADERS);
            Future<RecordMetadata> future;
            try {
                future = producer.send(record);
            } catch (KafkaException e) {
                Log.debugf("Kafka refused a send: %s", e.toString());
                break;
            }
            futures.add(future);
            // Without metadata (broker unreachable) send() waits max.block.ms and then hands back
            // an already failed future; the rest of the batch would wait as long, one by one. A
            // failure of the record itself (too large, say) does not stop the others: each event
            // behind it is tried too, so that only events that failed are charged an attempt, and
            // two such events in a row cannot hold the queue.
            if (future.isDone() && brokerUnreachable(future)) {
                break;
            }
        }
    }

    /**
     * A producer span in the trace of the request that wrote the event (its stored traceparent), so
     * the consumers' spans join that trace; a new trace when the event was written outside one.
     */
    private Span publishSpan(OutboxEvent event) {
        var parent =
                event.traceparent == null
                        ? Context.root()
                        : telemetry
                                .getPropagators()
                                .getTextMapPropagator()
                                .extract(
                                        Context.root(),
                                        Map.of("traceparent", event.traceparent),
                                        STORED);
        return tracer.spanBuilder(event.topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", event.topic)
                .startSpan();
    }

    private Set<Long> acknowledged(List<OutboxEvent> events, List<Future<RecordMetadata>> futures) {
        var acked = new HashSet<Long>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(deliveryTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
                acked.add(events.get(i).id);
            } catch (ExecutionException | TimeoutException e) {
                Log.debugf("Kafka did not acknowledge an event: %s", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acked;
    }

    /** Whether a send that failed at once failed for want of the broker (not for the record). */
    private static boolean brokerUnreachable(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            Log.debugf("Kafka refused a send: %s", e.getCause());
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
