package org.caresignal.alert.rest;

import java.util.Map;

/**
 * Creates or replaces a channel. {@code secrets} are write-only; on an update, secrets left out
 * keep their stored value.
 *
 * @param endpoint PagerDuty only: the Events v2 enqueue URL (default PagerDuty's)
 * @param secrets WEBHOOK: {@code url}, {@code signingKey}; PAGERDUTY: {@code routingKey}; SLACK:
 *     {@code url}
 * @param email EMAIL only (required there): recipients, From, subject prefix
 */
public record ChannelRequest(
        String name,
        String type,
        Boolean enabled,
        String endpoint,
        Map<String, String> secrets,
        EmailChannelSettings email) {}
