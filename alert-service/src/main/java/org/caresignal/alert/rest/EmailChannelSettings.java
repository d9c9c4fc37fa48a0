package org.caresignal.alert.rest;

import java.util.List;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code email} object of an {@code EMAIL} channel (not secret; SMTP host, credentials, the
 * From address and the allowed recipient domains are the service's configuration).
 *
 * @param to recipients, each in a domain the service allows ({@code ALERT_SMTP_ALLOWED_DOMAINS})
 * @param from read-only: the service's {@code ALERT_SMTP_FROM}; any other value is refused
 * @param subjectPrefix null: {@code [CareSignal]}
 */
@Schema(name = "EmailChannelSettings")
public record EmailChannelSettings(
        @Schema(example = "[\"comms-oncall@riverside.example\"]") List<String> to,
        @Schema(
                        example = "caresignal@riverside.example",
                        readOnly = true,
                        description = "the service's From address (ALERT_SMTP_FROM); not settable")
                String from,
        @Schema(example = "[CareSignal]") String subjectPrefix) {

    static EmailChannelSettings from(EmailSettings settings, String from) {
        return new EmailChannelSettings(settings.to(), from, settings.subjectPrefix());
    }
}
