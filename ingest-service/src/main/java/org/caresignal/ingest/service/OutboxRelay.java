package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.messaging.MentionIngestedPublisher;
import org.caresignal.ingest.repository.OutboxRepository;

/**
 * Moves events from the outbox table to Kafka: the oldest first, deleted only after the broker
 * acknowledged them, with exponential backoff and jitter while Kafka fails.
 */
@ApplicationScoped
public class OutboxRelay {

    /** What the relay last saw, for health and metrics. */
    public record State(
            long backlog, Instant lastSuccess, String lastError, int consecutiveFailures) {}

    private final OutboxRepository outbox;
    private final MentionIngestedPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile int failures;

    public OutboxRelay(
            OutboxRepository outbox,
            MentionIngestedPublisher publisher,
            IngestConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        registry.gauge("caresignal.outbox.backlog", backlog);
    }

    @Scheduled(
            every = "${caresignal.ingest.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        try {
            // Drain while full batches go through; stop at the first short or failed batch.
            while (relayOnce() == config.outbox().batchSize()) {
                Log.debug("Outbox batch sent, draining further");
            }
        } catch (RuntimeException e) {
            failed(e.toString());
        }
    }

    /** Sends one batch; returns how many were sent, or -1 when the broker did not take them all. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var batch = outbox.lockOldest(config.outbox().batchSize());
                            if (batch.isEmpty()) {
                                backlog.set(0);
                                return 0;
                            }
                            var acked = publisher.send(batch);
                            if (!acked.isEmpty()) {
                                outbox.delete("id in ?1", acked);
                            }
                            batch.stream()
                                    .filter(e -> !acked.contains(e.id))
                                    .forEach(e -> e.attempts++);
                            registry.counter("caresignal.outbox.published").increment(acked.size());
                            backlog.set(outbox.count() - acked.size());
                            if (acked.size() < batch.size()) {
                                failed(
                                        (batch.size() - acked.size())
                                                + " events not acknowledged by Kafka");
                                return -1;
                            }
                            lastSuccess = Instant.now();
                            failures = 0;
                            return acked.size();
                        });
    }

    private void failed(String error) {
        failures++;
        lastError = error;
        var base =
                Math.min(config.outbox().maxBackoff().toMillis(), 200L << Math.min(failures, 16));
        // Full jitter keeps instances that failed together from retrying together.
        var pause = Duration.ofMillis(ThreadLocalRandom.current().nextLong(base / 2, base + 1));
        pausedUntil = Instant.now().plus(pause);
        registry.counter("caresignal.outbox.failures").increment();
        Log.warnf(
                "Outbox relay: %s (failure %d, retrying in %d ms)",
                error, failures, pause.toMillis());
    }

    public State state() {
        return new State(backlog.get(), lastSuccess, lastError, failures);
    }
}
