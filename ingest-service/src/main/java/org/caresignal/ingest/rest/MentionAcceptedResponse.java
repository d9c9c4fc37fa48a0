package org.caresignal.ingest.rest;

import java.util.UUID;

/** Answer to an accepted mention: the id every later stage knows it by. */
public record MentionAcceptedResponse(UUID mentionId) {}
