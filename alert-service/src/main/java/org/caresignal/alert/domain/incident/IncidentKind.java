package org.caresignal.alert.domain.incident;

/**
 * What raised an incident: a detector spike episode, a single critical post, or a source that went
 * silent (an operational incident).
 */
public enum IncidentKind {
    SPIKE,
    CRITICAL_POST,
    SOURCE_SILENT
}
