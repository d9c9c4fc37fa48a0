package org.caresignal.ingest.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the brand API: the documented Mercy Health example under a fresh id. */
public final class Brands {

    public static final String MERCY_QUERY =
            "(\"Mercy General\" OR #MercyGeneral OR @MercyHealth) AND NOT \"Mercy Me\"";

    private Brands() {}

    public static String uniqueId() {
        return "mercy-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> mercy(String id) {
        var location = new LinkedHashMap<String, Object>();
        location.put("address", "1 Mercy Way");
        location.put("city", "Springfield");
        location.put("region", "IL");
        location.put("country", "US");
        location.put("latitude", 39.78);
        location.put("longitude", -89.65);
        var general = new LinkedHashMap<String, Object>();
        general.put("id", "mercy-general");
        general.put("name", "Mercy General");
        general.put("aliases", List.of("#MercyGeneral", "MGH Springfield"));
        general.put("timeZone", "America/Chicago");
        general.put("location", location);
        var north = new LinkedHashMap<String, Object>();
        north.put("id", "mercy-north");
        north.put("name", "Mercy General North");
        north.put("aliases", List.of("@MercyNorth"));
        north.put("timeZone", "America/Chicago");
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("name", "Mercy Health");
        body.put("watchQuery", MERCY_QUERY);
        body.put("facilities", List.of(general, north));
        return body;
    }
}
