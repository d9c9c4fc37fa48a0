package org.caresignal.sentiment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SentimentModelTest {

    private static final int BUCKETS = 8;

    private static SentimentModel model() {
        float[][] w = new float[3][SentimentFeatures.DENSE + BUCKETS];
        w[0][SentimentFeatures.DENSE + 3] = 2.5f;
        w[2][SentimentFeatures.DENSE + 5] = 1.25f;
        w[1][0] = -0.75f;
        return new SentimentModel(
                "test-1",
                BUCKETS,
                w,
                new double[] {-1, 0.5, -1},
                new double[] {0.5, 0.5, 0.5},
                new double[] {0, 0.1, 0},
                0.55);
    }

    private static byte[] bytes(SentimentModel model) throws Exception {
        var out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    @Test
    void aWrittenModelReadsBackToTheSameProbabilitiesAndBand() throws Exception {
        var model = model();
        var read = SentimentModel.read(new ByteArrayInputStream(bytes(model)));
        var x =
                new SentimentFeatures.Vector(
                        new int[] {0, SentimentFeatures.DENSE + 3, SentimentFeatures.DENSE + 5},
                        new float[] {1, 0.6f, 0.8f});

        assertThat(read.version()).isEqualTo("test-1");
        assertThat(read.buckets()).isEqualTo(BUCKETS);
        assertThat(read.uncertainBelow()).isEqualTo(0.55);
        assertThat(read.size()).isEqualTo(3);
        assertThat(read.probabilities(x)).containsExactly(model.probabilities(x));
        assertThat(bytes(read)).as("the same model writes the same bytes").isEqualTo(bytes(model));
    }

    @Test
    void probabilitiesAreTheCalibratedSoftmaxOfTheScores() {
        var model = model();
        var x =
                new SentimentFeatures.Vector(
                        new int[] {SentimentFeatures.DENSE + 3}, new float[] {1});

        double[] scores = model.scores(x);
        assertThat(scores).containsExactly(new double[] {1.5, 0.5, -1}, within(1e-9));
        double[] p = model.probabilities(x);
        double[] expected = SentimentModel.softmax(new double[] {0.75, 0.35, -0.5});
        assertThat(p).containsExactly(expected, within(1e-12));
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-12));
    }

    @Test
    void uncalibratedProbabilitiesAreNormalizedSigmoids() {
        double[] p = SentimentModel.uncalibrated(new double[] {0, 0, 0});

        assertThat(p).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-12));
    }

    @Test
    void aModelWithoutItsHeadersIsRejected() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write("#version x\n#buckets 4\n0\t1\t2\t3\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> SentimentModel.read(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#uncertain-below");
    }

    @Test
    void theShippedModelHasAVersionACalibrationAndABand() {
        var model = SentimentScorer.model();

        assertThat(model.version()).startsWith("corenlp-4.5.10-sr-linear-");
        assertThat(model.uncertainBelow()).isBetween(0.34, 0.9);
        assertThat(model.size()).isGreaterThan(1000);
    }
}
