package org.caresignal.sentiment.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.caresignal.sentiment.domain.SentimentScorer;
import org.caresignal.sentiment.domain.TextNormalizer;

/** Any post text is normalized without failing (a failure here dead-letters a real post). */
class TextNormalizerFuzzTest {

    private static final TextNormalizer NORMALIZER = SentimentScorer.normalizer();

    @FuzzTest(maxDuration = "5m")
    void normalize(byte[] input) {
        var normalized = NORMALIZER.normalize(new String(input, StandardCharsets.UTF_8));
        assertThat(normalized.text()).isNotNull();
        assertThat(normalized.emphasis()).isNotNegative();
    }
}
