package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.caresignal.ingest.domain.Redactor.Kind;
import org.caresignal.ingest.support.PrivacyCases;
import org.caresignal.ingest.support.PrivacyCases.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    static Stream<Identifier> identifiers() {
        return PrivacyCases.IDENTIFIERS.stream();
    }

    static Stream<String> kept() {
        return PrivacyCases.KEPT.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("identifiers")
    void replacesEachIdentifierWithItsTypedPlaceholder(Identifier c) {
        var result = Redactor.redact(c.sentence());
        assertThat(result.text())
                .isEqualTo(c.sentence().replace(c.identifier(), c.placeholder()))
                .doesNotContain(c.identifier());
        assertThat(result.counts())
                .containsEntry(Kind.valueOf(c.placeholder().replaceAll("[\\[\\]]", "")), 1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kept")
    void leavesLookAlikesAlone(String text) {
        var result = Redactor.redact(text);
        assertThat(result.text()).isEqualTo(text);
        assertThat(result.changed()).isFalse();
    }

    @Test
    void redactsSeveralIdentifiersInOnePostAndCountsThem() {
        var result =
                Redactor.redact(
                        "Mercy General billed acct #98765432, call 555-123-4567 or mail a@b.org;"
                                + " call 555-765-4321 too");
        assertThat(result.text())
                .isEqualTo(
                        "Mercy General billed acct #[ACCOUNT], call [PHONE] or mail [EMAIL]; call"
                                + " [PHONE] too");
        assertThat(result.counts())
                .isEqualTo(Map.of(Kind.ACCOUNT, 1, Kind.PHONE, 2, Kind.EMAIL, 1));
    }

    @Test
    void eMailsAreFoundByTheirShapeWithoutLeavingHalfAnAddress() {
        assertThat(Redactor.redact("x iz@e.doe+er@ple.com y").text())
                .isEqualTo("x [EMAIL][EMAIL] y");
        assertThat(Redactor.redact("_%a@b.org and a@b.com123").text())
                .isEqualTo("_%[EMAIL] and [EMAIL]123");
        assertThat(Redactor.redact("a@b.c, a@b..com, @alice@other.example").changed()).isFalse();
        assertThat(Redactor.redact("%".repeat(20_000) + "a@b.org").text()).isEqualTo("[EMAIL]");
    }
}
