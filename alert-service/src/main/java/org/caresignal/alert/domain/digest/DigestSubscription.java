package org.caresignal.alert.domain.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A brand's daily or weekly digest: who receives it, when (a local time in the brand's zone, and
 * the day for a weekly one), whether the recipients are internal (only then may it quote posts),
 * and what was last sent.
 *
 * @param dayOfWeek null for a daily digest
 * @param notBefore no period scheduled before this instant is sent (creation or a schedule change)
 * @param lastSentPeriod the local date of the last period handled (sent, or given up on); null
 *     before the first
 * @param lastError the last failure (a reply code or failure class), null after a success
 */
public record DigestSubscription(
        String brandId,
        DigestCadence cadence,
        DayOfWeek dayOfWeek,
        LocalTime sendAt,
        List<String> recipients,
        boolean internal,
        boolean enabled,
        Instant updatedAt,
        Instant notBefore,
        LocalDate lastSentPeriod,
        Instant lastSentAt,
        int attempts,
        String lastError) {

    public DigestSubscription {
        recipients = List.copyOf(recipients);
    }
}
