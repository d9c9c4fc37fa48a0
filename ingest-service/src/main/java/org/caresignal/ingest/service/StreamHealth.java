package org.caresignal.ingest.service;

import java.time.Duration;
import java.time.Instant;

/**
 * What a stream connector (Jetstream, file replay) shows besides the polled connectors' health:
 * whether it is connected and where, the last event and how far behind real time it was, and the
 * events, malformed records and reconnects counted since the connector was first streamed (a new
 * owner goes on from the stored counts).
 */
public final class StreamHealth {

    /** An immutable copy for the API. */
    public record Snapshot(
            boolean connected,
            String endpoint,
            Instant connectedSince,
            Instant lastEventAt,
            Instant lastEventTime,
            Double lagSeconds,
            long events,
            long malformed,
            String lastMalformed,
            long reconnects,
            String position,
            boolean caughtUp) {}

    private boolean connected;
    private String endpoint;
    private Instant connectedSince;
    private Instant lastEventAt;
    private Instant lastEventTime;
    private long events;
    private long malformed;
    private String lastMalformed;
    private long reconnects;
    private String position;
    private boolean caughtUp;
    private long version;

    synchronized void connected(String endpoint, Instant at) {
        if (this.endpoint != null) {
            reconnects++;
        }
        this.connected = true;
        this.endpoint = endpoint;
        this.connectedSince = at;
        this.caughtUp = false;
        version++;
    }

    synchronized void disconnected() {
        connected = false;
        version++;
    }

    synchronized void event(Instant receivedAt, Instant eventTime) {
        events++;
        lastEventAt = receivedAt;
        lastEventTime = eventTime;
        version++;
    }

    synchronized void malformed(String where) {
        malformed++;
        lastMalformed = where;
        version++;
    }

    synchronized void position(String position, boolean caughtUp) {
        this.position = position;
        this.caughtUp = caughtUp;
        version++;
    }

    synchronized long version() {
        return version;
    }

    /** Goes on from a stored copy: counts, position and last event; not connected here yet. */
    synchronized void restore(Snapshot s) {
        connected = false;
        endpoint = s.endpoint();
        connectedSince = s.connectedSince();
        lastEventAt = s.lastEventAt();
        lastEventTime = s.lastEventTime();
        events = s.events();
        malformed = s.malformed();
        lastMalformed = s.lastMalformed();
        reconnects = s.reconnects();
        position = s.position();
        caughtUp = s.caughtUp();
        version++;
    }

    synchronized boolean isConnected() {
        return connected;
    }

    /** Seconds between the last event's own time and when we received it; NaN before any. */
    synchronized double lagSeconds() {
        if (lastEventAt == null || lastEventTime == null) {
            return Double.NaN;
        }
        return Math.max(0, Duration.between(lastEventTime, lastEventAt).toMillis() / 1000.0);
    }

    synchronized Snapshot snapshot() {
        var lag = lagSeconds();
        return new Snapshot(
                connected,
                endpoint,
                connectedSince,
                lastEventAt,
                lastEventTime,
                Double.isNaN(lag) ? null : lag,
                events,
                malformed,
                lastMalformed,
                reconnects,
                position,
                caughtUp);
    }
}
