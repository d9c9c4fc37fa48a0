package org.caresignal.ingest.domain;

import io.opentelemetry.api.trace.Span;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting to be sent to Kafka, deleted once the broker has acknowledged it, or quarantined
 * when it keeps failing while others go through.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "outbox_id")
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "topic", nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String key;

    @Column(name = "payload", nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Failed sends while the broker took other events (a broker outage does not count). */
    @Column(name = "attempts", nullable = false)
    public int attempts;

    /** When the relay gave up on the event and moved past it; null while it waits. */
    @Column(name = "quarantined_at")
    public Instant quarantinedAt;

    /** Why it was quarantined: a fixed description of the failure class, never a payload. */
    @Column(name = "last_error", length = 200)
    public String lastError;

    /** The W3C {@code traceparent} of the span that wrote the event; null outside a trace. */
    @Column(name = "traceparent", length = 55)
    public String traceparent;

    // Every writer of the outbox gets this without thinking of it: the relay sends the event later
    // from its own thread, where the writer's trace is no longer current.
    @PrePersist
    void captureTraceContext() {
        if (traceparent == null) {
            traceparent = currentTraceparent();
        }
    }

    /** The W3C {@code traceparent} of the current span, or null outside a trace. */
    public static String currentTraceparent() {
        var context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-"
                + context.getTraceId()
                + "-"
                + context.getSpanId()
                + "-"
                + context.getTraceFlags().asHex();
    }
}
