package org.caresignal.ingest.rest;

/** Answer to a dry run: how many mentions the request matches (nothing was changed). */
public record ErasurePreviewResponse(int matches) {}
