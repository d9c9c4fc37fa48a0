package org.caresignal.alert.service;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.caresignal.alert.domain.channel.EmailMessage;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.EmailChannelRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the e-mail of an incident change over SMTP ({@code quarkus-mailer}; host, port, TLS and
 * credentials are the service's configuration) and says whether a failure is worth another try: 4xx
 * replies, refused connections and timeouts are; 5xx replies are not.
 */
@ApplicationScoped
public class EmailSender {

    /** The outcome of one attempt: {@code error} null when the server accepted the message. */
    public record Result(boolean retry, String error) {
        static final Result SENT = new Result(false, null);
    }

    private final ReactiveMailer mailer;
    private final EmailChannelRepository settings;
    private final Optional<String> defaultFrom;
    private final Duration timeout;

    public EmailSender(
            ReactiveMailer mailer,
            EmailChannelRepository settings,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> defaultFrom,
            @ConfigProperty(name = "caresignal.delivery.timeout") Duration timeout) {
        this.mailer = mailer;
        this.settings = settings;
        this.defaultFrom = defaultFrom;
        this.timeout = timeout;
    }

    /** Sends one attempt; never throws. */
    public Result send(UUID channelId, AlertEvent event) {
        var stored = QuarkusTransaction.requiringNew().call(() -> settings.find(channelId));
        if (stored.isEmpty()) {
            return new Result(false, "e-mail channel has no settings");
        }
        var from = stored.get().from() != null ? stored.get().from() : defaultFrom.orElse(null);
        if (from == null || !from.contains("@")) {
            return new Result(false, "no From address: set email.from or ALERT_SMTP_FROM");
        }
        var message = EmailMessage.of(event, channelId, stored.get(), EmailSettings.domainOf(from));
        var mail =
                new Mail()
                        .setFrom(from)
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
     * and the server's text (never credentials: the client does not echo them).
     */
    static Result classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                var text = smtp.getReplyMessage();
                var error =
                        "SMTP "
                                + smtp.getReplyCode()
                                + (text == null || text.isBlank() ? "" : ": " + cut(text.strip()));
                return new Result(!smtp.isPermanent(), error);
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
                        + failure.getClass().getSimpleName()
                        + (message.isEmpty() ? "" : ": " + cut(message)));
    }

    private static String cut(String text) {
        var oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) : oneLine;
    }
}
