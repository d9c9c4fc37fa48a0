package org.caresignal.sentiment.rest;

import java.util.List;

/** One page of scored mentions, newest first, with the total number that match. */
public record MentionPageResponse(int page, int size, long total, List<MentionResponse> items) {}
