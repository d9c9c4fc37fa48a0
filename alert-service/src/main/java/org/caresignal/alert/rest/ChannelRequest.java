package org.caresignal.alert.rest;

import java.util.Map;

/**
 * Creates or replaces a channel. {@code secrets} are write-only; on an update, secrets left out
 * keep their stored value, unless the destination moves: a PagerDuty {@code endpoint} on another
 * host needs {@code routingKey} again, a webhook {@code url} on another host {@code signingKey}.
 *
 * @param endpoint PagerDuty only: the Events v2 enqueue URL (default PagerDuty's)
 * @param secrets WEBHOOK: {@code url}, {@code signingKey}; PAGERDUTY: {@code routingKey}; SLACK:
 *     {@code url}
 * @param email EMAIL only (required there): recipients and subject prefix
 * @param allowPostLinks notifications may carry sample mentions' post URLs, which can name the
 *     author (default false; left out on an update: unchanged)
 * @param includeExcerpt notifications may carry sample mentions' excerpts (up to 140 characters of
 *     redacted post text; default false; left out on an update: unchanged)
 */
public record ChannelRequest(
        String name,
        String type,
        Boolean enabled,
        String endpoint,
        Map<String, String> secrets,
        EmailChannelSettings email,
        Boolean allowPostLinks,
        Boolean includeExcerpt) {}
