package org.caresignal.alert.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.caresignal.alert.event.EventReader;
import org.caresignal.alert.event.InvalidEventException;
import org.caresignal.alert.event.SourceEvent;
import org.caresignal.alert.event.SourceRecovered;
import org.caresignal.alert.event.SourceSilent;
import org.caresignal.alert.service.SourceSilenceService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code sources.silent.v1} and dispatches on {@code eventType}: {@code SourceSilent} (or no
 * type) raises the operational incident, {@code SourceRecovered} resolves it; poison records
 * (malformed JSON, a missing or invalid field, an unknown {@code eventType}) are nacked and the
 * channel's failure strategy dead-letters them to {@code sources.silent.v1.dlq}; processing waits
 * out a database outage (see {@link OutageTolerantProcessing}) and only another failure that
 * persists through its bounded retries is dead-lettered.
 */
@ApplicationScoped
public class SourceSilentConsumer {

    private final EventReader reader;
    private final SourceSilenceService service;
    private final OutageTolerantProcessing processing;

    public SourceSilentConsumer(
            ObjectMapper mapper,
            SourceSilenceService service,
            OutageTolerantProcessing processing) {
        this.reader = new EventReader(mapper);
        this.service = service;
        this.processing = processing;
    }

    @Incoming("sources-silent")
    @Blocking(ordered = true)
    public void consume(String payload) {
        SourceEvent event;
        try {
            event = reader.sourceEvent(payload);
        } catch (InvalidEventException e) {
            Log.warnf(
                    "Dead-lettering a %s record (%s): %s",
                    e.readAs() != null ? e.readAs() : "sources.silent.v1",
                    e.reason(),
                    e.getMessage());
            throw e;
        }
        if (event instanceof SourceSilent silent) {
            onSilent(silent);
        } else if (event instanceof SourceRecovered recovered) {
            onRecovered(recovered);
        }
    }

    private void onSilent(SourceSilent event) {
        // Safe to repeat: the service processes each event id once.
        if (process(SourceSilent.TYPE, event.eventId(), () -> service.onSilent(event))) {
            Log.infof(
                    "Source %s of %s silent since %s: operational incident raised or folded",
                    event.connectorId(), event.brandId(), event.silentSince());
        }
    }

    private void onRecovered(SourceRecovered event) {
        var outcome =
                process(SourceRecovered.TYPE, event.eventId(), () -> service.onRecovered(event));
        if (outcome == SourceSilenceService.Recovery.RESOLVED) {
            Log.infof(
                    "Source %s of %s delivers again: operational incident resolved",
                    event.connectorId(), event.brandId());
        } else if (outcome == SourceSilenceService.Recovery.NO_INCIDENT) {
            Log.debugf(
                    "Source %s of %s delivers again; no unresolved incident to resolve",
                    event.connectorId(), event.brandId());
        }
    }

    private <T> T process(String type, Object eventId, Supplier<T> work) {
        try {
            return processing.call(type, eventId, work);
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "%s %s could not be processed (poison, or it failed on every attempt);"
                            + " dead-lettering it",
                    type,
                    eventId);
            throw e;
        }
    }
}
