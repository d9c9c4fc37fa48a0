package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    public AlertOutboxRelay(AlertOutboxRepository outbox, AlertPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @Scheduled(
            every = "${caresignal.alert.outbox.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            flush();
        } catch (RuntimeException e) {
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
        return total;
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
