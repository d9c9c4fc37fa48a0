package org.caresignal.alert.domain.incident;

/** Where an incident is in its life: open, acknowledged by a person, or resolved. */
public enum IncidentStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
