package org.caresignal.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /api/watch-queries/check}: a query and sample posts to try it on. */
public record WatchQueryCheckRequest(
        @NotBlank @Size(max = 2000) String query,
        @NotNull @Size(max = 100) List<@NotNull @Size(max = 20_000) String> texts) {}
