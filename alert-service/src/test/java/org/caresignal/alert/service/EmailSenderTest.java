package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EmailSenderTest {

    @Test
    void transientSmtpRepliesAreRetriedPermanentOnesAreNot() {
        var busy =
                EmailSender.classify(
                        new SMTPException(
                                "sending failed", 451, List.of("451 4.3.0 try again later"), true));
        assertThat(busy).isEqualTo(new EmailSender.Result(true, "SMTP 451"));

        var unknown =
                EmailSender.classify(
                        new CompletionException(
                                new SMTPException(
                                        "sending failed",
                                        550,
                                        List.of("550 5.1.1 no such user"),
                                        true)));
        assertThat(unknown.retry()).isFalse();
        assertThat(unknown.error()).isEqualTo("SMTP 550");
    }

    @Test
    void refusedConnectionsAndTimeoutsAreRetried() {
        assertThat(EmailSender.classify(new ConnectException("Connection refused")))
                .isEqualTo(new EmailSender.Result(true, "network error: ConnectException"));
        assertThat(EmailSender.classify(new io.smallrye.mutiny.TimeoutException()).retry())
                .isTrue();
        assertThat(
                        EmailSender.classify(new IllegalStateException("Connection reset by peer"))
                                .retry())
                .isTrue();
        var other = EmailSender.classify(new IllegalArgumentException("bad header"));
        assertThat(other.retry()).isFalse();
        // The exception's message may carry the server's words: only the class is kept.
        assertThat(other.error()).isEqualTo("cannot send: IllegalArgumentException");
    }
}
