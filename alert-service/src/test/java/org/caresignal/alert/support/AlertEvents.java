package org.caresignal.alert.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.caresignal.alert.event.AlertEvent;

/** Alert events as objects: the golden AlertRaised example, for another brand and incident. */
public final class AlertEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private AlertEvents() {}

    /** The golden AlertRaised event with a new event id and incident id, for {@code brand}. */
    public static AlertEvent raised(String brand) {
        try {
            var json =
                    (ObjectNode)
                            MAPPER.readTree(Path.of("../docs/events/AlertRaised.v1.json").toFile());
            json.put("eventId", UUID.randomUUID().toString());
            json.put("incidentId", UUID.randomUUID().toString());
            json.put("brandId", brand);
            return MAPPER.treeToValue(json, AlertEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
