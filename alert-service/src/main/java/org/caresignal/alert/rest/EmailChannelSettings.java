package org.caresignal.alert.rest;

import java.util.List;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code email} object of an {@code EMAIL} channel (not secret; SMTP host and credentials are
 * the service's configuration).
 *
 * @param from null: the service's {@code ALERT_SMTP_FROM}
 * @param subjectPrefix null: {@code [CareSignal]}
 */
@Schema(name = "EmailChannelSettings")
public record EmailChannelSettings(
        @Schema(example = "[\"comms-oncall@riverside.example\"]") List<String> to,
        @Schema(example = "caresignal@riverside.example") String from,
        @Schema(example = "[CareSignal]") String subjectPrefix) {

    static EmailChannelSettings from(EmailSettings settings) {
        return new EmailChannelSettings(settings.to(), settings.from(), settings.subjectPrefix());
    }
}
