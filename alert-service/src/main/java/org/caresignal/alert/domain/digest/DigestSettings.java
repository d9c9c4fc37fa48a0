package org.caresignal.alert.domain.digest;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.caresignal.alert.domain.channel.EmailSettings;

/**
 * Checks what an admin sent for a digest: one to {@value #MAX_RECIPIENTS} plain addresses in the
 * domains the SMTP server may send to (the e-mail channels' rule), a local send time {@code HH:MM},
 * a day of the week for a weekly digest only. Every problem is reported, each with its field.
 *
 * @param dayOfWeek null for a daily digest
 */
public record DigestSettings(
        DayOfWeek dayOfWeek,
        LocalTime sendAt,
        List<String> recipients,
        boolean internal,
        boolean enabled) {

    public static final int MAX_RECIPIENTS = EmailSettings.MAX_RECIPIENTS;

    /** One invalid field and what is wrong with it. */
    public record Violation(String field, String message) {}

    /** Settings that cannot be used, with every violation found. */
    public static final class InvalidDigestException extends IllegalArgumentException {
        private final transient List<Violation> violations;

        public InvalidDigestException(List<Violation> violations) {
            super("invalid digest settings");
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    public DigestSettings {
        recipients = List.copyOf(recipients);
    }

    /**
     * The settings of a {@code cadence} digest from a request's fields ({@code internal} absent:
     * false, the safe side; {@code enabled} absent: true).
     *
     * @throws InvalidDigestException listing every field at fault
     */
    public static DigestSettings of(
            DigestCadence cadence,
            List<String> recipients,
            String sendAt,
            String dayOfWeek,
            Boolean internal,
            Boolean enabled,
            List<String> allowedDomains) {
        var violations = new ArrayList<Violation>();
        var to = new LinkedHashSet<String>();
        if (recipients == null || recipients.isEmpty()) {
            violations.add(new Violation("recipients", "must list at least one address"));
        } else if (recipients.size() > MAX_RECIPIENTS) {
            violations.add(new Violation("recipients", "at most " + MAX_RECIPIENTS + " addresses"));
        } else {
            for (int i = 0; i < recipients.size(); i++) {
                var field = "recipients[" + i + "]";
                var value = recipients.get(i) == null ? "" : recipients.get(i).strip();
                if (!EmailSettings.isAddress(value)) {
                    violations.add(
                            new Violation(field, "must be an e-mail address like ops@example.org"));
                } else if (!EmailSettings.inDomains(value, allowedDomains)) {
                    violations.add(
                            new Violation(
                                    field,
                                    allowedDomains.isEmpty()
                                            ? "cannot be sent to: the server has no From address"
                                                    + " (ALERT_SMTP_FROM)"
                                            : "must be an address in "
                                                    + String.join(", ", allowedDomains)));
                } else {
                    to.add(value);
                }
            }
        }
        LocalTime time = null;
        try {
            time = sendAt == null ? null : LocalTime.parse(sendAt.strip());
        } catch (DateTimeParseException e) {
            time = null;
        }
        if (time == null || time.getSecond() != 0 || time.getNano() != 0) {
            violations.add(new Violation("sendAt", "must be a local time HH:MM such as 08:00"));
        }
        DayOfWeek day = null;
        var dayGiven = dayOfWeek != null && !dayOfWeek.isBlank();
        if (cadence == DigestCadence.WEEKLY) {
            day = day(dayOfWeek);
            if (day == null) {
                violations.add(
                        new Violation(
                                "dayOfWeek", "must be a day MONDAY..SUNDAY for a weekly digest"));
            }
        } else if (dayGiven) {
            violations.add(new Violation("dayOfWeek", "only a weekly digest has a day"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidDigestException(violations);
        }
        return new DigestSettings(
                day,
                time,
                new ArrayList<>(to),
                Boolean.TRUE.equals(internal),
                enabled == null || enabled);
    }

    private static DayOfWeek day(String value) {
        var v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (var day : DayOfWeek.values()) {
            if (day.name().equals(v) || (v.length() == 3 && day.name().startsWith(v))) {
                return day;
            }
        }
        return null;
    }
}
