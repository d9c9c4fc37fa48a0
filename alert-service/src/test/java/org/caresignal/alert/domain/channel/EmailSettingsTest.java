package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSettingsTest {

    private static final List<String> DOMAINS = List.of("riverside.example");

    @Test
    void recipientsOutsideTheServersDomainsAreRefused() {
        assertThat(
                        EmailSettings.of(
                                        List.of("a@riverside.example", "b@ops.riverside.example"),
                                        null,
                                        DOMAINS)
                                .to())
                .hasSize(2);
        for (var outside :
                List.of(
                        "ceo@competitor.example",
                        "x@evilriverside.example",
                        "x@riverside.example.evil.org")) {
            assertThatThrownBy(
                            () ->
                                    EmailSettings.of(
                                            List.of("a@riverside.example", outside), null, DOMAINS))
                    .isInstanceOfSatisfying(
                            EmailSettings.InvalidSettingException.class,
                            e -> assertThat(e.field()).isEqualTo("email.to[1]"));
        }
        assertThat(EmailSettings.allowedDomains(List.of(), "alerts@Riverside.Example"))
                .containsExactly("riverside.example");
        assertThat(EmailSettings.allowedDomains(List.of(" a.example ", ""), "x@b.example"))
                .containsExactly("a.example");
    }

    @Test
    void normalisesRecipientsAndDefaultsThePrefix() {
        var settings =
                EmailSettings.of(
                        List.of(
                                " comms@riverside.example",
                                "comms@riverside.example",
                                "o'neil+alerts@mail.riverside.example"),
                        null,
                        DOMAINS);
        assertThat(settings.to())
                .containsExactly("comms@riverside.example", "o'neil+alerts@mail.riverside.example");
        assertThat(settings.subjectPrefix()).isEqualTo("[CareSignal]");
        assertThat(
                        EmailSettings.of(List.of("a@b.example"), "", List.of("b.example"))
                                .subjectPrefix())
                .isEmpty();
        assertThatThrownBy(
                        () -> EmailSettings.of(List.of("ok@riverside.example", ""), null, DOMAINS))
                .hasMessageContaining("e-mail address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plainaddress",
                "@riverside.example",
                "comms@",
                "comms@localhost",
                "comms@riverside..example",
                "comms@-riverside.example",
                "Comms Team <comms@riverside.example>",
                "comms@riverside.example\r\nBcc: everyone@example.org",
                "comms@riverside.example,other@riverside.example",
                "a b@riverside.example"
            })
    void refusesWhatIsNotAPlainAddress(String address) {
        assertThatThrownBy(
                        () ->
                                EmailSettings.of(
                                        List.of("ok@riverside.example", address), null, DOMAINS))
                .isInstanceOfSatisfying(
                        EmailSettings.InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("email.to[1]"));
    }

    @Test
    void needsOneToFiftyRecipientsAndAOneLinePrefix() {
        assertThatThrownBy(() -> EmailSettings.of(List.of(), null, DOMAINS))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> EmailSettings.of(null, null, DOMAINS))
                .hasMessageContaining("at least one");
        assertThatThrownBy(
                        () ->
                                EmailSettings.of(
                                        Collections.nCopies(51, "a@riverside.example"),
                                        null,
                                        DOMAINS))
                .hasMessageContaining("at most 50");
        assertThatThrownBy(
                        () ->
                                EmailSettings.of(
                                        List.of("a@riverside.example"), "[A]\nBcc: x", DOMAINS))
                .isInstanceOfSatisfying(
                        EmailSettings.InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("email.subjectPrefix"));
        assertThat(EmailSettings.domainOf("Comms@Riverside.Example"))
                .isEqualTo("riverside.example");
    }
}
