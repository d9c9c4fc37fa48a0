package org.caresignal.sentiment.domain;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The combiner: three one-versus-rest logistic regressions over {@link SentimentFeatures} (trained
 * by liblinear, see the train tool), their scores calibrated by per-class scaling {@code softmax(a
 * * s + b)} fitted on the development split (temperature scaling is {@code a = 1/T, b = 0}), and
 * the calibrated top probability below which a verdict is uncertain; immutable.
 *
 * <p>The file (gzip, UTF-8 text) starts with {@code #key value} lines ({@code #version}, {@code
 * #buckets}, {@code #bias}, {@code #scale}, {@code #shift}, {@code #uncertain-below}), then one
 * {@code index<TAB>wNegative<TAB>wNeutral<TAB>wPositive} line per feature with a weight; lines
 * starting with "# " are comments.
 */
public final class SentimentModel {

    private final String version;
    private final int buckets;
    private final float[][] weights;
    private final double[] bias;
    private final double[] scale;
    private final double[] shift;
    private final double uncertainBelow;

    /**
     * @param weights per class (negative, neutral, positive), one weight per feature index
     * @param scale the calibration's per-class factor
     * @param shift the calibration's per-class offset
     * @param uncertainBelow the calibrated top probability below which a verdict is uncertain
     */
    public SentimentModel(
            String version,
            int buckets,
            float[][] weights,
            double[] bias,
            double[] scale,
            double[] shift,
            double uncertainBelow) {
        if (weights.length != 3 || bias.length != 3 || scale.length != 3 || shift.length != 3) {
            throw new IllegalArgumentException("a model has three classes");
        }
        for (var w : weights) {
            if (w.length != SentimentFeatures.DENSE + buckets) {
                throw new IllegalArgumentException("weights do not match " + buckets + " buckets");
            }
        }
        this.version = version;
        this.buckets = buckets;
        this.weights = weights;
        this.bias = bias.clone();
        this.scale = scale.clone();
        this.shift = shift.clone();
        this.uncertainBelow = uncertainBelow;
    }

    public String version() {
        return version;
    }

    /** The slots of the hashed block of the features this model reads. */
    public int buckets() {
        return buckets;
    }

    public double uncertainBelow() {
        return uncertainBelow;
    }

    /** The same weights with another calibration and uncertain band. */
    public SentimentModel withCalibration(double[] scale, double[] shift, double uncertainBelow) {
        return new SentimentModel(version, buckets, weights, bias, scale, shift, uncertainBelow);
    }

    /** The same model with every weight (not the intercepts) passed through {@code f}. */
    public SentimentModel mapWeights(java.util.function.DoubleUnaryOperator f) {
        float[][] mapped = new float[3][];
        for (int c = 0; c < 3; c++) {
            mapped[c] = new float[weights[c].length];
            for (int j = 0; j < mapped[c].length; j++) {
                mapped[c][j] = (float) f.applyAsDouble(weights[c][j]);
            }
        }
        return new SentimentModel(version, buckets, mapped, bias, scale, shift, uncertainBelow);
    }

    public double[] scale() {
        return scale.clone();
    }

    public double[] shift() {
        return shift.clone();
    }

    /** The number of features with a non-zero weight. */
    public int size() {
        int n = 0;
        for (int j = 0; j < weights[0].length; j++) {
            if (weights[0][j] != 0 || weights[1][j] != 0 || weights[2][j] != 0) {
                n++;
            }
        }
        return n;
    }

    /** The three regressions' scores (log-odds of each class against the others). */
    public double[] scores(SentimentFeatures.Vector x) {
        double[] s = bias.clone();
        int[] indices = x.indices();
        float[] values = x.values();
        for (int k = 0; k < indices.length; k++) {
            int j = indices[k];
            if (j < weights[0].length) {
                for (int c = 0; c < 3; c++) {
                    s[c] += (double) weights[c][j] * values[k];
                }
            }
        }
        return s;
    }

    /** Calibrated P(negative), P(neutral), P(positive). */
    public double[] probabilities(SentimentFeatures.Vector x) {
        return calibrated(scores(x));
    }

    /** Calibrated probabilities of these scores. */
    public double[] calibrated(double[] scores) {
        double[] logits = new double[3];
        for (int c = 0; c < 3; c++) {
            logits[c] = scale[c] * scores[c] + shift[c];
        }
        return softmax(logits);
    }

    /**
     * The regressions' own probabilities, before calibration: each class's sigmoid, normalized to
     * sum to one (what liblinear reports for one-versus-rest).
     */
    public static double[] uncalibrated(double[] scores) {
        double[] p = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            p[c] = 1 / (1 + Math.exp(-scores[c]));
            sum += p[c];
        }
        for (int c = 0; c < 3; c++) {
            p[c] /= sum;
        }
        return p;
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

    /** Writes the gzip'd model file; the same model always gives the same bytes. */
    public void write(OutputStream out) throws IOException {
        var gzip = new GZIPOutputStream(out);
        var writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8));
        writer.write("#version " + version + "\n");
        writer.write(
                "# generated by sentiment-service/train; see docs/sentiment-model.md. Features 0.."
                        + (SentimentFeatures.DENSE - 1)
                        + " are "
                        + String.join(" ", SentimentFeatures.DENSE_NAMES)
                        + ", the rest hashed n-grams\n");
        writer.write("#buckets " + buckets + "\n");
        writer.write("#bias " + join(bias) + "\n");
        writer.write("#scale " + join(scale) + "\n");
        writer.write("#shift " + join(shift) + "\n");
        writer.write("#uncertain-below " + uncertainBelow + "\n");
        var line = new StringBuilder();
        for (int j = 0; j < weights[0].length; j++) {
            if (weights[0][j] == 0 && weights[1][j] == 0 && weights[2][j] == 0) {
                continue;
            }
            line.setLength(0);
            line.append(j);
            for (int c = 0; c < 3; c++) {
                line.append('\t').append(weights[c][j] == 0 ? "0" : Float.toString(weights[c][j]));
            }
            writer.write(line.append('\n').toString());
        }
        writer.flush();
        gzip.finish();
        out.flush();
    }

    private static String join(double[] v) {
        return v[0] + " " + v[1] + " " + v[2];
    }

    /** Reads a model file (gzip'd, as {@link #write} writes it). */
    public static SentimentModel read(InputStream in) {
        String version = null;
        int buckets = -1;
        double[] bias = null;
        double[] scale = null;
        double[] shift = null;
        double uncertainBelow = Double.NaN;
        float[][] weights = null;
        try (var reader =
                new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("# ")) {
                    continue;
                }
                if (line.startsWith("#")) {
                    int space = line.indexOf(' ');
                    if (space < 0) {
                        throw new IllegalArgumentException("bad model header: " + line);
                    }
                    var value = line.substring(space + 1).trim();
                    switch (line.substring(1, space)) {
                        case "version" -> version = value;
                        case "buckets" -> buckets = Integer.parseInt(value);
                        case "bias" -> bias = three(value);
                        case "scale" -> scale = three(value);
                        case "shift" -> shift = three(value);
                        case "uncertain-below" -> uncertainBelow = Double.parseDouble(value);
                        default -> throw new IllegalArgumentException("bad model header: " + line);
                    }
                    continue;
                }
                if (buckets < 0) {
                    throw new IllegalArgumentException("the model's #buckets must come first");
                }
                if (weights == null) {
                    weights = new float[3][SentimentFeatures.DENSE + buckets];
                }
                var parts = line.split("\t");
                if (parts.length != 4) {
                    throw new IllegalArgumentException("bad model line: " + line);
                }
                int j = Integer.parseInt(parts[0]);
                if (j < 0 || j >= weights[0].length) {
                    throw new IllegalArgumentException("feature index out of range: " + line);
                }
                for (int c = 0; c < 3; c++) {
                    weights[c][j] = Float.parseFloat(parts[c + 1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (version == null
                || buckets < 0
                || bias == null
                || scale == null
                || shift == null
                || Double.isNaN(uncertainBelow)) {
            throw new IllegalArgumentException(
                    "the model needs #version, #buckets, #bias, #scale, #shift and"
                            + " #uncertain-below lines");
        }
        if (weights == null) {
            weights = new float[3][SentimentFeatures.DENSE + buckets];
        }
        return new SentimentModel(version, buckets, weights, bias, scale, shift, uncertainBelow);
    }

    private static double[] three(String value) {
        var parts = value.trim().split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected three numbers: " + value);
        }
        return Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "SentimentModel[%s, %d buckets, %d weights]",
                version,
                buckets,
                size());
    }
}
