package org.caresignal.alert.domain.incident;

/** What raised an incident: a detector spike episode, or a single critical post. */
public enum IncidentKind {
    SPIKE,
    CRITICAL_POST
}
