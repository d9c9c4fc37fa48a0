package org.caresignal.alert.rest;

import java.util.List;

/**
 * Creates or replaces a brand's daily or weekly digest (PUT replaces every field).
 *
 * @param recipients plain addresses ({@code ops@example.org}), 1 to 50, in the domains the SMTP
 *     server may send to
 * @param sendAt local time {@code HH:MM} in the brand's time zone
 * @param dayOfWeek {@code MONDAY}..{@code SUNDAY} (or {@code MON}..): weekly digests only
 * @param internal true when every recipient works for the brand: only then does the digest quote
 *     excerpts of posts (default false)
 * @param enabled default true
 */
public record DigestRequest(
        List<String> recipients,
        String sendAt,
        String dayOfWeek,
        Boolean internal,
        Boolean enabled) {}
