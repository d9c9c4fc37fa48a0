package org.caresignal.alert.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.caresignal.alert.domain.digest.DigestSubscription;

/**
 * A brand's digest as an admin sees it: its settings and what was last sent.
 *
 * @param dayOfWeek null for a daily digest
 * @param lastSentPeriod local date of the last period handled (sent, or given up on after a
 *     permanent failure); null before the first
 * @param lastError the last failure (reply code or failure class), null after a success
 */
public record DigestResponse(
        String brandId,
        String cadence,
        String sendAt,
        String dayOfWeek,
        List<String> recipients,
        boolean internal,
        boolean enabled,
        Instant updatedAt,
        LocalDate lastSentPeriod,
        Instant lastSentAt,
        String lastError) {

    public static DigestResponse from(DigestSubscription s) {
        return new DigestResponse(
                s.brandId(),
                s.cadence().name(),
                String.format("%02d:%02d", s.sendAt().getHour(), s.sendAt().getMinute()),
                s.dayOfWeek() == null ? null : s.dayOfWeek().name(),
                s.recipients(),
                s.internal(),
                s.enabled(),
                s.updatedAt(),
                s.lastSentPeriod(),
                s.lastSentAt(),
                s.lastError());
    }
}
