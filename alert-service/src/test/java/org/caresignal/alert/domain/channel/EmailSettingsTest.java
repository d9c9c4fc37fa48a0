package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSettingsTest {

    @Test
    void normalisesRecipientsAndDefaultsThePrefix() {
        var settings =
                EmailSettings.of(
                        List.of(
                                " comms@riverside.example",
                                "comms@riverside.example",
                                "o'neil+alerts@mail.riverside.example"),
                        null,
                        null);
        assertThat(settings.to())
                .containsExactly("comms@riverside.example", "o'neil+alerts@mail.riverside.example");
        assertThat(settings.from()).isNull();
        assertThat(settings.subjectPrefix()).isEqualTo("[CareSignal]");
        assertThat(EmailSettings.of(List.of("a@b.example"), " ", "").subjectPrefix()).isEmpty();
        assertThatThrownBy(() -> EmailSettings.of(List.of("ok@riverside.example", ""), null, null))
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
                                        List.of("ok@riverside.example", address), null, null))
                .isInstanceOfSatisfying(
                        EmailSettings.InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("email.to[1]"));
        assertThatThrownBy(() -> EmailSettings.of(List.of("ok@riverside.example"), address, null))
                .isInstanceOfSatisfying(
                        EmailSettings.InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("email.from"));
    }

    @Test
    void needsOneToFiftyRecipientsAndAOneLinePrefix() {
        assertThatThrownBy(() -> EmailSettings.of(List.of(), null, null))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> EmailSettings.of(null, null, null))
                .hasMessageContaining("at least one");
        assertThatThrownBy(
                        () ->
                                EmailSettings.of(
                                        Collections.nCopies(51, "a@riverside.example"), null, null))
                .hasMessageContaining("at most 50");
        assertThatThrownBy(
                        () -> EmailSettings.of(List.of("a@riverside.example"), null, "[A]\nBcc: x"))
                .isInstanceOfSatisfying(
                        EmailSettings.InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("email.subjectPrefix"));
        assertThat(EmailSettings.domainOf("Comms@Riverside.Example"))
                .isEqualTo("riverside.example");
    }
}
