package org.caresignal.alert.domain.channel;

import java.util.List;

/** The kinds of notification channel, and the secrets each one needs. */
public enum ChannelType {
    WEBHOOK(List.of("url", "signingKey")),
    PAGERDUTY(List.of("routingKey")),
    SLACK(List.of("url")),
    TEAMS(List.of("url")),
    /** SMTP host and credentials come from the service's configuration, not from the channel. */
    EMAIL(List.of());

    private final List<String> secrets;

    ChannelType(List<String> secrets) {
        this.secrets = secrets;
    }

    /** The names of the secrets a channel of this type must have. */
    public List<String> secrets() {
        return secrets;
    }
}
