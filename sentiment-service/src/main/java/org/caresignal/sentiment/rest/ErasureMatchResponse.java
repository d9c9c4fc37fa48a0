package org.caresignal.sentiment.rest;

import java.util.List;
import java.util.UUID;

/**
 * The mentions an erasure would take (ids only, oldest first, at most 10,001 so that more than
 * 10,000 shows) and how many were returned.
 */
public record ErasureMatchResponse(List<UUID> mentionIds, int count) {

    public static ErasureMatchResponse from(List<UUID> ids) {
        return new ErasureMatchResponse(List.copyOf(ids), ids.size());
    }
}
