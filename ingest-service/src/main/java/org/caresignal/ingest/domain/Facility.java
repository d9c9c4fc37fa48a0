package org.caresignal.ingest.domain;

import java.util.List;

/** A hospital, clinic or campus of a brand, with the other names people use for it. */
public record Facility(
        String id, String name, List<String> aliases, String timeZone, Location location) {

    public Facility {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Where a facility is; every part optional. */
    public record Location(
            String address,
            String city,
            String region,
            String country,
            Double latitude,
            Double longitude) {}
}
