package org.caresignal.alert.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.caresignal.alert.event.ErasureConfirmed;
import org.caresignal.alert.event.MentionErased;
import org.caresignal.alert.repository.AlertOutboxRepository;
import org.caresignal.alert.repository.ErasureRepository;
import org.caresignal.alert.repository.IncidentSampleRepository;
import org.caresignal.alert.service.ErasureService;

/**
 * Test-only stand-in for the erasure service that fails the first calls for an erasure id marked in
 * {@link FlakyFailures}, and otherwise erases as the real one.
 */
// Singleton, not application-scoped: see FlakyCounting.
@Alternative
@Priority(1)
@Singleton
public class FlakyErasures extends ErasureService {

    public FlakyErasures(
            ErasureRepository erasures,
            IncidentSampleRepository samples,
            AlertOutboxRepository outbox,
            ObjectMapper mapper,
            Clock clock) {
        super(erasures, samples, outbox, mapper, clock);
    }

    @Override
    public ErasureConfirmed apply(MentionErased event) {
        FlakyFailures.maybeFail(event.erasureId());
        return super.apply(event);
    }
}
