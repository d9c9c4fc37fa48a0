package org.caresignal.sentiment.rest;

import java.util.List;

/** One page of audit events, newest first, with the total number that match. */
public record AuditPageResponse(List<AuditEventResponse> items, int page, int size, long total) {}
