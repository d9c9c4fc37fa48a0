package org.caresignal.sentiment.domain;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.caresignal.sentiment.support.AdversarialText;
import org.caresignal.sentiment.support.TextComponents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The normalizer (entities, links, handles, emoticons, hashtags, elongation, repeated words,
 * healthcare phrases) stays linear on 20,000-character adversarial input.
 */
class AdversarialTextTest {

    static Stream<Arguments> components() {
        return TextComponents.all().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("components")
    void staysLinearOnAdversarialInput(String component, Consumer<String> work) {
        if (component.equals("HashtagSegmenter")) {
            // Every input becomes letters and digits in one hashtag: these cover its shapes
            // (one letter, two alternating, digits, capitals, repeated words) in less time.
            AdversarialText.assertLinear(
                    component,
                    work,
                    List.of("percent run", "long word", "digits", "repeated phrase", "a.a.a"));
        } else {
            AdversarialText.assertLinear(component, work);
        }
    }
}
