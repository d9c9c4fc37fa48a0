package org.caresignal.alert.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads alert events from the real alerts.v1 topic and checks them against the golden files. */
public final class Alerts {

    public static final String TOPIC = "alerts.v1";

    /** Fields the golden files show filled in that a real event may carry as null. */
    public static final Set<String> NULLABLE =
            Set.of("facilityId", "snoozedUntil", "pValue", "effectSize", "url", "sentAt");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Alerts() {}

    public static JsonNode golden(String eventType) {
        try {
            return MAPPER.readTree(Path.of("../docs/events/" + eventType + ".v1.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every alert event of {@code brand} up to the first one matching {@code until}. */
    public static List<JsonNode> readUntil(String brand, Predicate<JsonNode> until) {
        var records =
                KafkaTestClient.readUntil(
                        TOPIC,
                        r -> brand.equals(r.key()),
                        r -> brand.equals(r.key()) && until.test(parse(r.value())));
        var out = new ArrayList<JsonNode>();
        records.forEach(r -> out.add(parse(r.value())));
        return out;
    }

    public static Predicate<JsonNode> ofType(String eventType) {
        return n -> eventType.equals(n.path("eventType").asText());
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Contract: the event has exactly the golden file's field names (recursively) and the same JSON
     * types; only {@link #NULLABLE} fields may be null instead. Envelope values are checked too.
     */
    public static void assertMatchesGolden(JsonNode actual, String eventType) {
        var golden = golden(eventType);
        assertShape("", golden, actual);
        assertThat(actual.get("eventType").asText()).isEqualTo(eventType);
        assertThat(actual.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(UUID.fromString(actual.get("eventId").asText())).isNotNull();
        assertThat(Instant.parse(actual.get("occurredAt").asText())).isNotNull();
    }

    private static void assertShape(String path, JsonNode golden, JsonNode actual) {
        if (golden.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object").isTrue();
            assertThat(names(actual))
                    .as("fields of " + (path.isEmpty() ? "the event" : path))
                    .isEqualTo(names(golden));
            golden.fieldNames()
                    .forEachRemaining(
                            f -> {
                                var a = actual.get(f);
                                if (a.isNull() && NULLABLE.contains(f)) {
                                    return;
                                }
                                assertShape(path.isEmpty() ? f : path + "." + f, golden.get(f), a);
                            });
        } else if (golden.isArray()) {
            assertThat(actual.isArray()).as(path + " is an array").isTrue();
            if (golden.size() > 0) {
                actual.forEach(element -> assertShape(path + "[]", golden.get(0), element));
            }
        } else {
            assertThat(actual.getNodeType()).as(path).isEqualTo(golden.getNodeType());
        }
    }

    private static Set<String> names(JsonNode node) {
        var names = new TreeSet<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
