package org.caresignal.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.UUID;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.ChangeNotifications;
import org.caresignal.alert.repository.NotificationListener;

/**
 * Broadcasts committed incident changes to the dashboard's server-sent-event subscribers of this
 * instance, whichever alert-service instance made them: a change made here is streamed after its
 * commit, and announced to the other instances by a PostgreSQL notification queued in the same
 * transaction (so a rolled-back change is never announced); the notices of the other instances
 * arrive through a listening connection.
 */
@ApplicationScoped
public class IncidentStream {

    private final UUID instance = UUID.randomUUID();
    // Changes arrive from request threads and from the listener's thread at once: serialised,
    // as a subscriber expects its items one after the other.
    private final BroadcastProcessor<AlertEvent> broadcast = BroadcastProcessor.create();
    private final SerializedProcessor<AlertEvent, AlertEvent> processor = broadcast.serialized();
    private final ChangeNotifications notifications;
    private final ObjectMapper mapper;
    private volatile NotificationListener listener;

    public IncidentStream(ChangeNotifications notifications, ObjectMapper mapper) {
        this.notifications = notifications;
        this.mapper = mapper;
    }

    void listen(@Observes StartupEvent start) {
        listener = notifications.listen(this::onNotice);
    }

    void stop(@Observes ShutdownEvent stop) {
        var current = listener;
        if (current != null) {
            current.close();
        }
    }

    void announce(@Observes(during = TransactionPhase.IN_PROGRESS) IncidentChanged change) {
        var notice =
                new StreamNotice(instance, change.event())
                        .encode(mapper, ChangeNotifications.MAX_PAYLOAD_BYTES);
        if (notice.isPresent()) {
            notifications.announce(notice.get());
        } else {
            Log.warnf(
                    "Incident %s changed: too large to announce to the other instances",
                    change.event().incidentId());
        }
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        processor.onNext(change.event());
    }

    void onNotice(String payload) {
        var notice = StreamNotice.decode(mapper, payload);
        if (!instance.equals(notice.origin())) {
            processor.onNext(notice.event());
        }
    }

    /** Whether changes made by the other instances reach this one now. */
    public boolean hearsOtherInstances() {
        var current = listener;
        return current != null && current.isListening();
    }

    /** Changes from now on, for one subscriber. */
    public Multi<AlertEvent> changes() {
        return broadcast;
    }
}
