package org.caresignal.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.caresignal.ingest.domain.HtmlText;
import org.caresignal.ingest.domain.Redactor;

/**
 * Any text is redacted without failing, and what the redactor returns contains nothing it would
 * redact again as an e-mail address or a phone number.
 */
class RedactorFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void redact(byte[] input) {
        var text = new String(input, StandardCharsets.UTF_8);
        var result = Redactor.redact(text);
        assertThat(result.text()).isNotNull();
        var again = Redactor.redact(result.text());
        assertThat(again.counts()).doesNotContainKeys(Redactor.Kind.EMAIL);
        HtmlText.toPlain(text);
    }
}
