package org.caresignal.alert.domain.channel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The non-secret settings of an e-mail channel: recipients and the subject prefix. Addresses are
 * plain {@code local@domain} (no display names, no line breaks, so nothing can be smuggled into a
 * header), and only in the domains the server allows; the From address is the server's alone
 * ({@code ALERT_SMTP_FROM}), so the API cannot turn the SMTP relay into a spoofing tool.
 */
public record EmailSettings(List<String> to, String subjectPrefix) {

    public static final String DEFAULT_PREFIX = "[CareSignal]";
    public static final int MAX_RECIPIENTS = 50;
    public static final int MAX_PREFIX = 64;

    // The dot-atom of RFC 5322 for the local part, and a host name of LDH labels with a dot.
    private static final Pattern ADDRESS =
            Pattern.compile(
                    "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                            + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** A setting that cannot be used; {@code field} is the JSON property at fault. */
    public static final class InvalidSettingException extends IllegalArgumentException {
        private final String field;

        public InvalidSettingException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public EmailSettings {
        to = List.copyOf(to);
    }

    /**
     * Checks and normalises what a client sent: at least one and at most {@value MAX_RECIPIENTS}
     * valid, distinct recipients, each in one of {@code allowedDomains} (or a subdomain of one),
     * and a one-line prefix.
     *
     * @throws InvalidSettingException naming the field at fault
     */
    public static EmailSettings of(
            List<String> to, String subjectPrefix, List<String> allowedDomains) {
        if (to == null || to.isEmpty()) {
            throw new InvalidSettingException("email.to", "must list at least one recipient");
        }
        if (to.size() > MAX_RECIPIENTS) {
            throw new InvalidSettingException(
                    "email.to", "at most " + MAX_RECIPIENTS + " recipients");
        }
        var recipients = new LinkedHashSet<String>();
        for (int i = 0; i < to.size(); i++) {
            var field = "email.to[" + i + "]";
            var recipient = address(field, to.get(i));
            if (!inDomains(recipient, allowedDomains)) {
                throw new InvalidSettingException(
                        field, "must be an address in " + String.join(", ", allowedDomains));
            }
            recipients.add(recipient);
        }
        String prefix;
        if (subjectPrefix == null) {
            prefix = DEFAULT_PREFIX;
        } else {
            prefix = subjectPrefix.strip();
            if (prefix.length() > MAX_PREFIX || prefix.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidSettingException(
                        "email.subjectPrefix",
                        "must be one line of at most " + MAX_PREFIX + " characters");
            }
        }
        return new EmailSettings(new ArrayList<>(recipients), prefix);
    }

    /** Whether the address's domain is one of {@code domains} or a subdomain of one. */
    public static boolean inDomains(String address, List<String> domains) {
        var domain = domainOf(address);
        for (var allowed : domains) {
            var a = allowed.strip().toLowerCase(Locale.ROOT);
            if (!a.isEmpty() && (domain.equals(a) || domain.endsWith("." + a))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The recipient domains the server allows: the configured list, else the From address's domain
     * alone.
     */
    public static List<String> allowedDomains(List<String> configured, String from) {
        var list = configured.stream().map(String::strip).filter(d -> !d.isEmpty()).toList();
        if (!list.isEmpty()) {
            return list;
        }
        return from == null || !from.contains("@") ? List.of() : List.of(domainOf(from));
    }

    /** Whether {@code value} is a plain address this channel accepts. */
    public static boolean isAddress(String value) {
        return value != null && value.length() <= 254 && ADDRESS.matcher(value).matches();
    }

    /** The domain of an address, lower case (for Message-IDs). */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static String address(String field, String value) {
        var trimmed = value == null ? "" : value.strip();
        if (!isAddress(trimmed)) {
            throw new InvalidSettingException(
                    field, "must be an e-mail address like ops@example.org");
        }
        return trimmed;
    }
}
