package org.caresignal.ingest.messaging;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.OutboxEvent;

/**
 * Sends outbox events to Kafka with an idempotent producer (acks=all), keyed as stored (the brand
 * id), and says which ones the broker acknowledged.
 */
@ApplicationScoped
public class MentionIngestedPublisher {

    private final KafkaProducer<String, String> producer;
    private final Duration deliveryTimeout;

    public MentionIngestedPublisher(IngestConfig config) {
        var bootstrapServers = config.outbox().bootstrapServers();
        this.deliveryTimeout = config.outbox().deliveryTimeout();
        int delivery = (int) deliveryTimeout.toMillis();
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "ingest-service-outbox",
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                                5,
                                ProducerConfig.LINGER_MS_CONFIG,
                                5,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                Math.min(5000, delivery / 2),
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                delivery,
                                // While the broker is unreachable, send() must not hold the relay.
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                5000,
                                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                                1000),
                        new StringSerializer(),
                        new StringSerializer());
    }

    /** Sends the events in order and waits; returns the outbox ids the broker acknowledged. */
    public Set<Long> send(List<OutboxEvent> events) {
        var futures = new ArrayList<Future<RecordMetadata>>();
        for (var event : events) {
            Future<RecordMetadata> future;
            try {
                future = producer.send(new ProducerRecord<>(event.topic, event.key, event.payload));
            } catch (KafkaException e) {
                Log.debugf("Kafka refused a send: %s", e.toString());
                break;
            }
            futures.add(future);
            // Without metadata (broker unreachable) send() waits max.block.ms and then hands back
            // an already failed future; the rest of the batch would wait as long, one by one.
            if (future.isDone() && failed(future)) {
                break;
            }
        }
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

    private static boolean failed(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            Log.debugf("Kafka refused a send: %s", e.getCause());
            return true;
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
