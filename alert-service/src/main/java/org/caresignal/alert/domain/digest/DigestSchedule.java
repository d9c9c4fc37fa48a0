package org.caresignal.alert.domain.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a digest is due: the latest scheduled send time at or before now, in the brand's zone, if
 * that period has not been handled, is not older than the subscription, and is not so late that the
 * digest would be stale.
 */
public final class DigestSchedule {

    /** A period to send: the local date of its send day, and its scheduled send time. */
    public record Due(LocalDate period, ZonedDateTime at) {}

    private DigestSchedule() {}

    /** The period of {@code subscription} due at {@code now} in {@code zone}, if any. */
    public static Optional<Due> due(
            DigestSubscription subscription, ZoneId zone, Instant now, Duration maxDelay) {
        if (!subscription.enabled()) {
            return Optional.empty();
        }
        var scheduled = latest(subscription, zone, now);
        var period = scheduled.toLocalDate();
        if (scheduled.toInstant().isBefore(subscription.notBefore())
                || Duration.between(scheduled.toInstant(), now).compareTo(maxDelay) > 0
                || (subscription.lastSentPeriod() != null
                        && !subscription.lastSentPeriod().isBefore(period))) {
            return Optional.empty();
        }
        return Optional.of(new Due(period, scheduled));
    }

    /**
     * The latest scheduled send time at or before {@code now}. A send time that a DST change skips
     * (02:30 on the spring-forward night) goes out at the first valid time after it.
     */
    static ZonedDateTime latest(DigestSubscription subscription, ZoneId zone, Instant now) {
        var local = now.atZone(zone);
        var date = local.toLocalDate();
        if (subscription.cadence() == DigestCadence.WEEKLY) {
            date = date.with(TemporalAdjusters.previousOrSame(subscription.dayOfWeek()));
        }
        var scheduled = ZonedDateTime.of(date, subscription.sendAt(), zone);
        if (scheduled.toInstant().isAfter(now)) {
            scheduled =
                    ZonedDateTime.of(
                            date.minus(subscription.cadence().period()),
                            subscription.sendAt(),
                            zone);
        }
        return scheduled;
    }
}
