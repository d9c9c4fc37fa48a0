package org.caresignal.alert.service;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.caresignal.alert.domain.channel.EmailMessage;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.EmailChannelRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the e-mail of an incident change over SMTP ({@code quarkus-mailer}; host, port, TLS,
 * credentials, the From address and the allowed recipient domains are the service's configuration)
 * and says whether a failure is worth another try: 4xx replies, refused connections and timeouts
 * are; 5xx replies are not. A recipient stored before the domains were restricted and outside them
 * now is left out. Errors name the reply code or failure class, never the server's text.
 */
@ApplicationScoped
public class EmailSender {

    /** The outcome of one attempt: {@code error} null when the server accepted the message. */
    public record Result(boolean retry, String error) {
        static final Result SENT = new Result(false, null);
    }

    private final ReactiveMailer mailer;
    private final EmailChannelRepository settings;
    private final Optional<String> from;
    private final List<String> allowedDomains;
    private final Duration timeout;

    public EmailSender(
            ReactiveMailer mailer,
            EmailChannelRepository settings,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
            @ConfigProperty(name = "caresignal.email.allowed-domains")
                    Optional<List<String>> allowedDomains,
            @ConfigProperty(name = "caresignal.delivery.timeout") Duration timeout) {
        this.mailer = mailer;
        this.settings = settings;
        this.from = from;
        this.allowedDomains =
                EmailSettings.allowedDomains(allowedDomains.orElse(List.of()), from.orElse(null));
        this.timeout = timeout;
    }

    /** The recipient domains the server allows (configured, else the From address's domain). */
    public List<String> allowedDomains() {
        return allowedDomains;
    }

    /** Sends one attempt; never throws. */
    public Result send(UUID channelId, AlertEvent event) {
        var stored = QuarkusTransaction.requiringNew().call(() -> settings.find(channelId));
        if (stored.isEmpty()) {
            return new Result(false, "e-mail channel has no settings");
        }
        var sender = from.orElse(null);
        if (sender == null || !EmailSettings.isAddress(sender)) {
            return new Result(false, "no From address: set ALERT_SMTP_FROM");
        }
        var to =
                stored.get().to().stream()
                        .filter(r -> EmailSettings.inDomains(r, allowedDomains))
                        .toList();
        if (to.isEmpty()) {
            return new Result(false, "no recipient in the allowed domains");
        }
        var message =
                EmailMessage.of(
                        event,
                        channelId,
                        new EmailSettings(to, stored.get().subjectPrefix()),
                        EmailSettings.domainOf(sender));
        var mail =
                new Mail()
                        .setFrom(sender)
                        .setTo(message.to())
                        .setSubject(message.subject())
                        .setText(message.text())
                        .setHtml(message.html())
                        .addHeader("Message-ID", message.messageId())
                        .addHeader("X-CareSignal-Incident", event.incidentId().toString())
                        .addHeader("X-CareSignal-Event", event.eventType());
        if (message.inReplyTo() != null) {
            // Every later message answers the incident's first one, so mail clients thread them.
            mail.addHeader("In-Reply-To", message.inReplyTo());
            mail.addHeader("References", message.threadId());
        }
        try {
            mailer.send(mail).await().atMost(timeout);
            return Result.SENT;
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /**
     * 4xx SMTP replies, connection failures and timeouts are transient; a 5xx reply (unknown
     * mailbox, relaying denied, authentication failed) is permanent. Messages name the reply code
     * or the failure class only: the server's text is not ours to show.
     */
    static Result classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return new Result(!smtp.isPermanent(), "SMTP " + smtp.getReplyCode());
            }
            if (t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof ConnectTimeoutException) {
                return new Result(true, "timed out");
            }
            if (t instanceof IOException) {
                return new Result(true, "network error: " + t.getClass().getSimpleName());
            }
            if (t == t.getCause()) {
                break;
            }
        }
        // Vert.x reports some connection losses as plain exceptions with a message only.
        var message = failure.getMessage() == null ? "" : failure.getMessage();
        boolean transientLoss =
                message.contains("Connection refused")
                        || message.contains("connection was closed")
                        || message.contains("Connection reset");
        return new Result(
                transientLoss,
                (transientLoss ? "network error: " : "cannot send: ")
                        + failure.getClass().getSimpleName());
    }
}
