package org.caresignal.alert.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Object mother for MentionErased records (from the golden example in docs/events) and reader of
 * the ErasureConfirmed events this service publishes.
 */
public final class Erasures {

    public static final String TOPIC = "mentions.erased.v1";
    public static final String DLQ = "mentions.erased.v1.dlq";
    public static final String CONFIRMED = "erasures.confirmed.v1";

    public static final Path GOLDEN = Path.of("../docs/events/MentionErased.v1.json");
    public static final Path CONFIRMED_GOLDEN = Path.of("../docs/events/ErasureConfirmed.v1.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Erasures() {}

    public static ObjectNode golden() {
        return (ObjectNode) read(GOLDEN);
    }

    public static JsonNode confirmedGolden() {
        return read(CONFIRMED_GOLDEN);
    }

    /**
     * The golden event with a fresh event id, {@code erasureId} and these mentions of the brand.
     */
    public static String of(UUID erasureId, String brand, List<String> mentionIds) {
        var event = golden();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("erasureId", erasureId.toString());
        var mentions = event.putArray("mentions");
        for (var id : mentionIds) {
            mentions.addObject().put("mentionId", id).put("brandId", brand);
        }
        return event.toString();
    }

    /** Sends the erasure to mentions.erased.v1, keyed by its erasure id. */
    public static void send(UUID erasureId, String value) {
        KafkaTestClient.send(TOPIC, erasureId.toString(), value);
    }

    /** The first {@code count} confirmations of the erasure on erasures.confirmed.v1. */
    public static List<JsonNode> awaitConfirmations(UUID erasureId, int count) {
        return KafkaTestClient.firstKeyed(CONFIRMED, erasureId.toString(), count).stream()
                .map(r -> parse(r.value()))
                .toList();
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path path) {
        try {
            return MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
