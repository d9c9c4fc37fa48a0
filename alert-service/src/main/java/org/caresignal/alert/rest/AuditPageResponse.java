package org.caresignal.alert.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the audit log, newest first, and how many rows match in all. */
@Schema(name = "AuditPage")
public record AuditPageResponse(
        List<AuditEventResponse> items,
        @Schema(example = "0") int page,
        @Schema(example = "50") int size,
        @Schema(example = "1") long total) {}
