package org.caresignal.alert.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.caresignal.alert.messaging.AlertPublisher;
import org.caresignal.alert.repository.AlertOutboxRepository;

/**
 * Relays events from the outbox table to their topics ({@code alerts.v1}, {@code
 * erasures.confirmed.v1}) in the order they were written: a row is marked published only after the
 * broker acknowledged it, so none is lost (a crash in between re-sends it; consumers dedupe on
 * {@code eventId}).
 */
@ApplicationScoped
public class AlertOutboxRelay {

    private static final int BATCH = 100;

    private final AlertOutboxRepository outbox;
    private final AlertPublisher publisher;
    private final AtomicLong backlog = new AtomicLong();
    private volatile Instant oldestWaiting;

    public AlertOutboxRelay(
            AlertOutboxRepository outbox, AlertPublisher publisher, MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        // The names ingest-service's relay uses, so one alert rule covers every outbox.
        registry.gauge("caresignal.outbox.backlog", backlog);
        // Computed at scrape time from the oldest row last seen, so it grows while the relay is
        // stuck.
        Gauge.builder("caresignal.outbox.oldest.age", this, AlertOutboxRelay::oldestAgeSeconds)
                .description("Age of the oldest outbox event waiting to be sent (0 when none)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(
            every = "${caresignal.alert.outbox.interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            flush();
        } catch (RuntimeException e) {
            measure();
            Log.warnf(
                    "Relaying alert events failed, retrying on the next tick: %s", e.getMessage());
        }
    }

    /** Publishes pending events until none is left; returns how many were published. */
    public synchronized int flush() {
        int total = 0;
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
            total += sent;
        } while (sent == BATCH);
        measure();
        return total;
    }

    private void measure() {
        try {
            var now = QuarkusTransaction.requiringNew().call(outbox::backlog);
            backlog.set(now.waiting());
            oldestWaiting = now.oldest();
        } catch (RuntimeException e) {
            // The database is away: keep the last figures, the age goes on growing.
            Log.debugf("Outbox backlog not measured: %s", e.getMessage());
        }
    }

    double oldestAgeSeconds() {
        var oldest = oldestWaiting;
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    private int publishBatch() {
        var pending = outbox.lockPending(BATCH);
        for (var row : pending) {
            try {
                publisher
                        .send(row.topic(), row.key(), row.payload())
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(row.topic() + " did not acknowledge", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
            outbox.markPublished(row.id());
        }
        return pending.size();
    }
}
