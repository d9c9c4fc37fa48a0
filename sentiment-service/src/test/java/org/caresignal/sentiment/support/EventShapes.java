package org.caresignal.sentiment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.Map;
import java.util.TreeMap;

/** Reduces a JSON event to its contract: each field name with the JSON type of its value. */
public final class EventShapes {

    private EventShapes() {}

    public static Map<String, JsonNodeType> shape(JsonNode event) {
        var shape = new TreeMap<String, JsonNodeType>();
        event.fields().forEachRemaining(f -> shape.put(f.getKey(), f.getValue().getNodeType()));
        return shape;
    }
}
