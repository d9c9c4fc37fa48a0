package org.caresignal.sentiment.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The calibrated combiner: a three-class logistic regression over {@link SentimentFeatures}, read
 * from {@code feature<TAB>wNegative<TAB>wNeutral<TAB>wPositive} lines (the first line {@code
 * #version <name>}); features in, class probabilities out; immutable.
 */
public final class SentimentModel {

    private final String version;
    private final Map<String, double[]> weights;

    public SentimentModel(String version, Map<String, double[]> weights) {
        this.version = version;
        this.weights = Map.copyOf(weights);
    }

    public String version() {
        return version;
    }

    /** The weights by feature: negative, neutral, positive. */
    public Map<String, double[]> weights() {
        return weights;
    }

    public int size() {
        return weights.size();
    }

    /** P(negative), P(neutral), P(positive). */
    public double[] probabilities(Map<String, Double> features) {
        double[] logits = new double[3];
        for (var feature : features.entrySet()) {
            double[] w = weights.get(feature.getKey());
            if (w != null) {
                for (int c = 0; c < 3; c++) {
                    logits[c] += w[c] * feature.getValue();
                }
            }
        }
        return softmax(logits);
    }

    public static double[] softmax(double[] logits) {
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double[] p = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < 3; c++) {
            p[c] /= sum;
        }
        return p;
    }

    public static SentimentModel read(InputStream in) {
        var weights = new HashMap<String, double[]>();
        String version = null;
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#version ")) {
                    version = line.substring("#version ".length()).trim();
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var parts = line.split("\t");
                if (parts.length != 4) {
                    throw new IllegalArgumentException("bad model line: " + line);
                }
                weights.put(
                        parts[0],
                        new double[] {
                            Double.parseDouble(parts[1]),
                            Double.parseDouble(parts[2]),
                            Double.parseDouble(parts[3])
                        });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (version == null) {
            throw new IllegalArgumentException("the model has no #version line");
        }
        return new SentimentModel(version, weights);
    }
}
