package org.caresignal.alert.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A channel as the API shows it: the names of its secrets, never their values.
 *
 * @param email an EMAIL channel's settings; null for the other types
 * @param allowPostLinks its notifications carry sample mentions' post URLs
 * @param includeExcerpt its notifications carry sample mentions' excerpts
 */
public record ChannelResponse(
        UUID id,
        String name,
        String type,
        boolean enabled,
        String endpoint,
        List<String> secretsSet,
        Instant createdAt,
        Instant updatedAt,
        EmailChannelSettings email,
        boolean allowPostLinks,
        boolean includeExcerpt) {}
