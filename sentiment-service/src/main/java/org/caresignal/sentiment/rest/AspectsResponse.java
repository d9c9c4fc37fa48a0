package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.List;

/** A brand's aspects in a time range: how many mentions speak of each, by the aspect's label. */
public record AspectsResponse(
        String brandId, Instant from, Instant to, List<AspectCountResponse> aspects) {

    /** One aspect with its mention counts by (effective) label. */
    public record AspectCountResponse(
            String aspect, long total, long negative, long neutral, long positive) {}
}
