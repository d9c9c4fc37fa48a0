package org.caresignal.ingest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.event.ErasureConfirmed;
import org.caresignal.ingest.repository.OutboxRepository;
import org.caresignal.ingest.service.ErasureService;

/**
 * Reads {@code erasures.confirmed.v1} and stores each service's confirmation (an upsert, so a copy
 * changes nothing). A record that cannot be read goes to {@code erasures.confirmed.v1.dlq} through
 * the outbox; a failure to store (the database away) is retried from the same offset, never
 * skipped. Offsets are committed after the records are stored.
 */
@ApplicationScoped
public class ErasureConfirmedConsumer {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final ErasureService erasures;
    private final OutboxRepository outbox;
    private final IngestConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Counter deadLetters;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private KafkaClientMetrics clientMetrics;
    private Thread thread;

    public ErasureConfirmedConsumer(
            ErasureService erasures,
            OutboxRepository outbox,
            IngestConfig config,
            ObjectMapper mapper,
            MeterRegistry registry) {
        this.erasures = erasures;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        // The same series sentiment- and alert-service export for their dead-letter topics.
        this.deadLetters =
                Counter.builder("caresignal.dead.letters")
                        .description("Records sent to a dead-letter topic")
                        .tag("topic", config.erasure().confirmedDeadLetterTopic())
                        .register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "erasure-confirmed-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            try (var c =
                    new KafkaConsumer<>(
                            Map.<String, Object>of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    config.outbox().bootstrapServers(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    config.erasure().consumerGroup(),
                                    ConsumerConfig.CLIENT_ID_CONFIG,
                                    "ingest-service-erasure-confirmed",
                                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                    false,
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest",
                                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                    100),
                            new StringDeserializer(),
                            new StringDeserializer())) {
                consumer = c;
                // The consumer's own metrics (records-lag per partition among them), like those
                // Quarkus binds for the SmallRye consumers of the other services.
                clientMetrics = new KafkaClientMetrics(c);
                clientMetrics.bindTo(registry);
                c.subscribe(List.of(config.erasure().confirmedTopic()));
                while (running) {
                    var records = c.poll(Duration.ofMillis(500));
                    for (var partition : records.partitions()) {
                        for (var record : records.records(partition)) {
                            handle(record);
                            c.commitSync(
                                    Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                        }
                    }
                    failures = 0;
                }
            } catch (WakeupException e) {
                // Shutting down.
            } catch (RuntimeException e) {
                // The database or the broker failed: the uncommitted records come again after a
                // pause (a new consumer resumes from the last committed offset).
                failures++;
                var pause = Math.min(MAX_BACKOFF.toMillis(), 200L << Math.min(failures, 10));
                Log.warnf("ErasureConfirmed consumer: %s; retrying in %d ms", e.toString(), pause);
                sleep(pause);
            } finally {
                consumer = null;
                if (clientMetrics != null) {
                    clientMetrics.close();
                    clientMetrics = null;
                }
            }
        }
    }

    /** Stores one record, or dead-letters it when it cannot be read. */
    void handle(ConsumerRecord<String, String> record) {
        var event = read(record.value());
        if (event == null) {
            deadLetter(record);
            return;
        }
        erasures.confirm(event);
    }

    /**
     * The confirmation, or null when the record is not one (not JSON, or a required field missing).
     */
    ErasureConfirmed read(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var event = mapper.readValue(value, ErasureConfirmed.class);
            if (event.erasureId() == null
                    || event.service() == null
                    || !ErasureService.CONFIRMING.contains(event.service())
                    || event.erased() < 0) {
                return null;
            }
            return event;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record) {
        var key = record.key() == null ? "" : record.key();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var row = new OutboxEvent();
                            row.eventId = UUID.randomUUID();
                            row.topic = config.erasure().confirmedDeadLetterTopic();
                            row.key = key.length() > 64 ? key.substring(0, 64) : key;
                            row.payload = record.value() == null ? "" : record.value();
                            row.createdAt = Instant.now();
                            outbox.persist(row);
                        });
        deadLetters.increment();
        Log.warnf(
                "Unreadable record at %s-%d offset %d moved to %s",
                record.topic(),
                record.partition(),
                record.offset(),
                config.erasure().confirmedDeadLetterTopic());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
