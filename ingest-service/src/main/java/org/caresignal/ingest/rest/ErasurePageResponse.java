package org.caresignal.ingest.rest;

import java.util.List;

/** One page of erasure reports, newest first, with how many there are in all. */
public record ErasurePageResponse(List<ErasureResponse> items, int page, int size, long total) {}
