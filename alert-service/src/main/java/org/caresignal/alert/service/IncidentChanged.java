package org.caresignal.alert.service;

import org.caresignal.alert.event.AlertEvent;

/** CDI event fired inside the transaction that changed an incident; observed after commit. */
public record IncidentChanged(AlertEvent event) {}
