package org.caresignal.ingest.domain;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.caresignal.ingest.support.AdversarialText;
import org.caresignal.ingest.support.TextComponents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in rule that reads post or feed text stays linear on 20,000-character adversarial
 * input (runs of '%', '<', '@', '.', digits, spaces, repeated phrases, '&#', 'http://').
 */
class AdversarialTextTest {

    static Stream<Arguments> components() {
        return TextComponents.all().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("components")
    void staysLinearOnAdversarialInput(String component, Consumer<String> work) {
        AdversarialText.assertLinear(component, work);
    }
}
