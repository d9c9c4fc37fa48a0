package org.caresignal.ingest.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service's confirmation on {@code erasures.confirmed.v1} that it erased its copy of an erasure's
 * mentions (golden example: docs/events/ErasureConfirmed.v1.json); {@code deliveries} lists, for
 * alert-service, the deliveries that had carried a link or excerpt of one of them (kept as sent).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErasureConfirmed(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID erasureId,
        String service,
        int erased,
        List<JsonNode> deliveries) {

    public static final String TYPE = "ErasureConfirmed";
}
