package org.caresignal.alert.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.caresignal.alert.event.AlertEvent;

/** Broadcasts committed incident changes to the dashboard's server-sent-event subscribers. */
@ApplicationScoped
public class IncidentStream {

    private final BroadcastProcessor<AlertEvent> processor = BroadcastProcessor.create();

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        processor.onNext(change.event());
    }

    /** Changes from now on, for one subscriber. */
    public Multi<AlertEvent> changes() {
        return processor;
    }
}
