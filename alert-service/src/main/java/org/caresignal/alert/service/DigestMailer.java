package org.caresignal.alert.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.caresignal.alert.domain.digest.DigestSchedule;
import org.caresignal.alert.domain.digest.DigestSubscription;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends a digest e-mail (HTML and plain-text parts rendered by Qute) through the service's SMTP
 * server, with the e-mail channels' From address and allowed recipient domains; says, as {@link
 * EmailSender} does, whether a failure is worth another try. A retry of a period sends the same
 * {@code Message-ID}.
 */
@ApplicationScoped
public class DigestMailer {

    private final ReactiveMailer mailer;
    private final EmailSender email;
    private final Optional<String> from;
    private final Duration timeout;
    private final Template html;
    private final Template text;

    public DigestMailer(
            ReactiveMailer mailer,
            EmailSender email,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
            @ConfigProperty(name = "caresignal.delivery.timeout") Duration timeout,
            @Location("digest/digest.html") Template html,
            @Location("digest/digest.txt") Template text) {
        this.mailer = mailer;
        this.email = email;
        this.from = from;
        this.timeout = timeout;
        this.html = html;
        this.text = text;
    }

    /** The HTML part of {@code view}. */
    public String html(DigestView view) {
        return html.data("d", view).render();
    }

    /** The plain-text part of {@code view}. */
    public String text(DigestView view) {
        return text.data("d", view).render();
    }

    /** Sends one attempt; never throws. */
    public EmailSender.Result send(
            DigestSubscription subscription, DigestSchedule.Due due, DigestView view) {
        var sender = from.orElse(null);
        if (sender == null || !EmailSettings.isAddress(sender)) {
            return new EmailSender.Result(false, "no From address: set ALERT_SMTP_FROM");
        }
        var to =
                subscription.recipients().stream()
                        .filter(r -> EmailSettings.inDomains(r, email.allowedDomains()))
                        .toList();
        if (to.isEmpty()) {
            return new EmailSender.Result(false, "no recipient in the allowed domains");
        }
        var id =
                "digest."
                        + subscription.brandId()
                        + "."
                        + subscription.cadence().name().toLowerCase(Locale.ROOT)
                        + "."
                        + due.period();
        var mail =
                new Mail()
                        .setFrom(sender)
                        .setTo(to)
                        .setSubject(view.subject())
                        .setText(text(view))
                        .setHtml(html(view))
                        .addHeader(
                                "Message-ID", "<" + id + "@" + EmailSettings.domainOf(sender) + ">")
                        .addHeader("X-CareSignal-Digest", id);
        try {
            mailer.send(mail).await().atMost(timeout);
            return new EmailSender.Result(false, null);
        } catch (RuntimeException e) {
            return EmailSender.classify(e);
        }
    }
}
