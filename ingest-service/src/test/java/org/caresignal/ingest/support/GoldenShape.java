package org.caresignal.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeMap;

/**
 * The producer side of an event contract: a published event has exactly the golden file's field
 * names with the same JSON node types, except that the fields the catalog says may be null may be.
 */
public final class GoldenShape {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenShape() {}

    /** The golden example {@code docs/events/<event>.v1.json}. */
    public static JsonNode golden(String event) {
        try {
            return JSON.readTree(Path.of("../docs/events/" + event + ".v1.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field name to JSON node type. */
    public static TreeMap<String, String> shape(JsonNode node) {
        var shape = new TreeMap<String, String>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            var name = it.next();
            shape.put(name, node.get(name).getNodeType().name());
        }
        return shape;
    }

    /**
     * Asserts that {@code published} has the golden file's fields and types, {@code nullable}
     * fields being allowed to be null (and all others not).
     */
    public static void assertMatches(JsonNode published, String event, Set<String> nullable) {
        var golden = shape(golden(event));
        var actual = shape(published);
        assertThat(actual.keySet()).isEqualTo(golden.keySet());
        for (var field : golden.keySet()) {
            if (nullable.contains(field) && "NULL".equals(actual.get(field))) {
                continue;
            }
            assertThat(actual.get(field)).as(field).isEqualTo(golden.get(field));
        }
    }
}
