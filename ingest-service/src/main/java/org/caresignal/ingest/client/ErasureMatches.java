package org.caresignal.ingest.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/** sentiment-service's answer: at most 10,001 matching mention ids, and how many there are. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErasureMatches(List<UUID> mentionIds, int count) {}
