package org.caresignal.ingest.rest;

import java.util.List;

/**
 * Body of {@code POST /api/mentions/batch}, for the API description (items are read one by one).
 */
public record BatchMentionRequest(List<SubmitMentionRequest> mentions) {}
