package org.caresignal.alert.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.caresignal.alert.domain.detection.Severity;
import org.caresignal.alert.event.SourceSilent;
import org.caresignal.alert.service.IncidentService;
import org.caresignal.alert.service.SourceSilenceService;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test-only stand-in for the source-silence service that fails the first calls for an event id
 * marked in {@link FlakyFailures}, and otherwise behaves as the real one.
 */
// Singleton, not application-scoped: a client proxy would need a no-args constructor, which
// Quarkus cannot add to a subclass of a bean with constructor injection.
@Alternative
@Priority(1)
@Singleton
public class FlakySourceSilence extends SourceSilenceService {

    public FlakySourceSilence(
            IncidentService incidents,
            EntityManager em,
            @ConfigProperty(name = "caresignal.source-silent.severity") Severity severity) {
        super(incidents, em, severity);
    }

    // Transactional again: an overriding method does not inherit the binding, and the super call
    // is not intercepted.
    @Override
    @Transactional
    public boolean onSilent(SourceSilent event) {
        FlakyFailures.maybeFail(event.eventId());
        return super.onSilent(event);
    }
}
