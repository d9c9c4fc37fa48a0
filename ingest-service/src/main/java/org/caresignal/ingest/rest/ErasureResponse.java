package org.caresignal.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caresignal.ingest.service.ErasureService;

/**
 * An erasure's report: who asked, when, how many mentions, and per service when it confirmed;
 * {@code deliveries} are the notifications that had carried a link or excerpt of an erased mention
 * (channels cannot recall them). Never the URL, handle or phrase it was asked by.
 */
public record ErasureResponse(
        UUID id,
        String by,
        String requestedBy,
        Instant requestedAt,
        int mentions,
        String status,
        List<ServiceConfirmation> services,
        List<JsonNode> deliveries) {

    /** One service's part: when it confirmed (null until it has) and how many it erased. */
    public record ServiceConfirmation(String service, Instant confirmedAt, Integer erased) {}

    static ErasureResponse from(ErasureService.Report report, ObjectMapper mapper) {
        var erasure = report.erasure();
        var services = new ArrayList<ServiceConfirmation>();
        services.add(
                new ServiceConfirmation(
                        "ingest-service", erasure.requestedAt, erasure.mentionCount));
        var deliveries = new ArrayList<JsonNode>();
        for (var name : ErasureService.CONFIRMING) {
            var confirmation =
                    report.confirmations().stream()
                            .filter(c -> c.service().equals(name))
                            .findFirst()
                            .orElse(null);
            if (confirmation == null) {
                services.add(new ServiceConfirmation(name, null, null));
                continue;
            }
            services.add(
                    new ServiceConfirmation(
                            name, confirmation.confirmedAt(), confirmation.erased()));
            try {
                var listed = mapper.readTree(confirmation.deliveries());
                if (listed != null && listed.isArray()) {
                    listed.forEach(deliveries::add);
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ErasureResponse(
                erasure.id,
                erasure.kind.name(),
                erasure.requestedBy,
                erasure.requestedAt,
                erasure.mentionCount,
                report.confirmed() ? "CONFIRMED" : "PENDING",
                services,
                deliveries);
    }
}
